-- CreateIndex
CREATE INDEX "webhook_event_shop_id_received_at_idx" ON "webhook_event"("shop_id", "received_at");

-- CreateIndex
CREATE INDEX "clv_prediction_shop_id_predicted_clv_idx" ON "clv_prediction"("shop_id", "predicted_clv");

-- CreateIndex
CREATE INDEX "clv_prediction_shop_id_p_alive_idx" ON "clv_prediction"("shop_id", "p_alive");

