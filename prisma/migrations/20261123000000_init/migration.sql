-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "InstallState" AS ENUM ('installed', 'uninstalled', 'redacted');

-- CreateEnum
CREATE TYPE "WebhookStatus" AS ENUM ('received', 'processed', 'failed');

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "shop" (
    "id" SERIAL NOT NULL,
    "domain" TEXT NOT NULL,
    "name" TEXT,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "taxes_included" BOOLEAN NOT NULL DEFAULT false,
    "state" "InstallState" NOT NULL DEFAULT 'installed',
    "installed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalled_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "shop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_event" (
    "shop_id" INTEGER NOT NULL,
    "webhook_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "event_id" TEXT,
    "api_version" TEXT,
    "triggered_at" TIMESTAMP(3),
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "enqueued_at" TIMESTAMP(3),
    "processed_at" TIMESTAMP(3),
    "status" "WebhookStatus" NOT NULL DEFAULT 'received',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "payload" JSONB,

    CONSTRAINT "webhook_event_pkey" PRIMARY KEY ("shop_id","webhook_id")
);

-- CreateTable
CREATE TABLE "customer" (
    "shop_id" INTEGER NOT NULL,
    "id" BIGINT NOT NULL,
    "email" TEXT,
    "first_name" TEXT,
    "last_name" TEXT,
    "state" TEXT,
    "shopify_created_at" TIMESTAMP(3) NOT NULL,
    "shopify_updated_at" TIMESTAMP(3) NOT NULL,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "customer_pkey" PRIMARY KEY ("shop_id","id")
);

-- CreateTable
CREATE TABLE "order" (
    "shop_id" INTEGER NOT NULL,
    "id" BIGINT NOT NULL,
    "name" TEXT,
    "customer_id" BIGINT,
    "email" TEXT,
    "customer_key" TEXT,
    "ordered_at" TIMESTAMP(3) NOT NULL,
    "shopify_created_at" TIMESTAMP(3) NOT NULL,
    "shopify_updated_at" TIMESTAMP(3) NOT NULL,
    "cancelled_at" TIMESTAMP(3),
    "deleted_at" TIMESTAMP(3),
    "test" BOOLEAN NOT NULL DEFAULT false,
    "currency" TEXT NOT NULL,
    "presentment_currency" TEXT,
    "taxes_included" BOOLEAN NOT NULL DEFAULT false,
    "gross_minor" BIGINT NOT NULL,
    "discounts_minor" BIGINT NOT NULL,
    "shipping_minor" BIGINT NOT NULL,
    "taxes_minor" BIGINT NOT NULL,
    "duties_minor" BIGINT NOT NULL,
    "total_minor" BIGINT NOT NULL,
    "units" INTEGER NOT NULL,
    "lines" JSONB NOT NULL,
    "checkout_token" TEXT,
    "cart_token" TEXT,
    "source_name" TEXT,

    CONSTRAINT "order_pkey" PRIMARY KEY ("shop_id","id")
);

-- CreateTable
CREATE TABLE "refund" (
    "shop_id" INTEGER NOT NULL,
    "id" BIGINT NOT NULL,
    "order_id" BIGINT NOT NULL,
    "refunded_at" TIMESTAMP(3) NOT NULL,
    "shopify_created_at" TIMESTAMP(3) NOT NULL,
    "lines_subtotal_minor" BIGINT NOT NULL,
    "shipping_minor" BIGINT NOT NULL,
    "taxes_minor" BIGINT NOT NULL,
    "duties_minor" BIGINT NOT NULL,
    "units" INTEGER NOT NULL,

    CONSTRAINT "refund_pkey" PRIMARY KEY ("shop_id","id")
);

-- CreateTable
CREATE TABLE "checkout" (
    "shop_id" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    "id" BIGINT,
    "cart_token" TEXT,
    "email" TEXT,
    "customer_id" BIGINT,
    "shopify_created_at" TIMESTAMP(3) NOT NULL,
    "shopify_updated_at" TIMESTAMP(3) NOT NULL,
    "completed_at" TIMESTAMP(3),
    "total_minor" BIGINT,

    CONSTRAINT "checkout_pkey" PRIMARY KEY ("shop_id","token")
);

-- CreateTable
CREATE TABLE "cart" (
    "shop_id" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    "shopify_created_at" TIMESTAMP(3) NOT NULL,
    "shopify_updated_at" TIMESTAMP(3) NOT NULL,
    "units" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "cart_pkey" PRIMARY KEY ("shop_id","token")
);

-- CreateTable
CREATE TABLE "data_request" (
    "shop_id" INTEGER NOT NULL,
    "id" BIGINT NOT NULL,
    "customer_id" BIGINT,
    "email" TEXT,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_request_pkey" PRIMARY KEY ("shop_id","id")
);

-- CreateIndex
CREATE INDEX "session_shop_idx" ON "session"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "shop_domain_key" ON "shop"("domain");

-- CreateIndex
CREATE INDEX "webhook_event_shop_id_status_received_at_idx" ON "webhook_event"("shop_id", "status", "received_at");

-- CreateIndex
CREATE INDEX "customer_shop_id_email_idx" ON "customer"("shop_id", "email");

-- CreateIndex
CREATE INDEX "order_shop_id_ordered_at_idx" ON "order"("shop_id", "ordered_at");

-- CreateIndex
CREATE INDEX "order_shop_id_customer_key_ordered_at_idx" ON "order"("shop_id", "customer_key", "ordered_at");

-- CreateIndex
CREATE INDEX "order_shop_id_email_idx" ON "order"("shop_id", "email");

-- CreateIndex
CREATE INDEX "order_shop_id_checkout_token_idx" ON "order"("shop_id", "checkout_token");

-- CreateIndex
CREATE INDEX "order_shop_id_cart_token_idx" ON "order"("shop_id", "cart_token");

-- CreateIndex
CREATE INDEX "refund_shop_id_order_id_idx" ON "refund"("shop_id", "order_id");

-- CreateIndex
CREATE INDEX "refund_shop_id_refunded_at_idx" ON "refund"("shop_id", "refunded_at");

-- CreateIndex
CREATE INDEX "checkout_shop_id_shopify_created_at_idx" ON "checkout"("shop_id", "shopify_created_at");

-- CreateIndex
CREATE INDEX "cart_shop_id_shopify_created_at_idx" ON "cart"("shop_id", "shopify_created_at");

-- AddForeignKey
ALTER TABLE "webhook_event" ADD CONSTRAINT "webhook_event_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer" ADD CONSTRAINT "customer_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order" ADD CONSTRAINT "order_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refund" ADD CONSTRAINT "refund_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checkout" ADD CONSTRAINT "checkout_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cart" ADD CONSTRAINT "cart_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_request" ADD CONSTRAINT "data_request_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

