-- clv_prediction.churn_risk now holds the customer's segment (decision 0044). Rows stored before hold a
-- churn-risk bucket: rewrite them as their nearest segment, so the page's per-segment reads need only the
-- six segment values. The clv_prediction update trigger moves their clv_segment_count rows with them.
UPDATE clv_prediction SET churn_risk = CASE
    WHEN churn_risk = 'low' AND frequency > 0 THEN 'active'
    WHEN churn_risk = 'low' THEN 'promising'
    WHEN churn_risk = 'medium' THEN 'at-risk'
    ELSE 'lapsed'
  END
  WHERE churn_risk IN ('low', 'medium', 'high');
