-- Voids and refunds of a sale hold part of its amount before their 0200 (or gateway call, or drawer)
-- goes: returns_claimed is what the sale's refunds approved or in flight hold of it, or its whole
-- amount while a void is in flight or once one is approved. The one conditional UPDATE that raises
-- it (returns_claimed + asked <= amount) decides between two refunds that race for the same money;
-- a refund or void that ends without the money moving gives its claim back in the commit of its end.
-- payments rows are upserted column by column (PaymentTable.save), so saving a sale keeps this column.
ALTER TABLE payments ADD COLUMN returns_claimed INTEGER NOT NULL DEFAULT 0 CHECK (returns_claimed >= 0);
CREATE INDEX payments_by_original ON payments (original_payment_id) WHERE original_payment_id IS NOT NULL;
