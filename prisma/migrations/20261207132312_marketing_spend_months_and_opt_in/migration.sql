-- CreateTable
CREATE TABLE "marketing_spend_month" (
    "shop_id" INTEGER NOT NULL,
    "month" CHAR(7) NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "marketing_spend_month_pkey" PRIMARY KEY ("shop_id","month")
);

-- AddForeignKey
ALTER TABLE "marketing_spend_month" ADD CONSTRAINT "marketing_spend_month_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The months saved so far in shop_settings.marketing_spend ({ "YYYY-MM": minor units }) move to their rows.
INSERT INTO "marketing_spend_month" ("shop_id", "month", "amount_minor", "updated_at")
SELECT s."shop_id", e.key, (e.value #>> '{}')::bigint, CURRENT_TIMESTAMP
FROM "shop_settings" s, jsonb_each(s."marketing_spend") AS e
WHERE e.key ~ '^\d{4}-(0[1-9]|1[0-2])$' AND jsonb_typeof(e.value) = 'number' AND (e.value #>> '{}')::numeric >= 0;

-- AlterTable
ALTER TABLE "shop_settings" DROP COLUMN "marketing_spend";

-- AlterTable
ALTER TABLE "digest_unsubscribe" ADD COLUMN     "opt_in_requested_at" TIMESTAMP(3);
