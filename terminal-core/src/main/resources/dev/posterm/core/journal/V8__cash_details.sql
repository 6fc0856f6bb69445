-- What only a cash payment has, one row per cash payment (as card_details is for cards):
--   tendered    the cash handed over, minor units, at least the amount
--   change_due  tendered - amount, what the cashier hands back
CREATE TABLE cash_details (
    payment_id  TEXT PRIMARY KEY REFERENCES payments (payment_id),
    tendered    INTEGER NOT NULL CHECK (tendered > 0),
    change_due  INTEGER NOT NULL CHECK (change_due >= 0)
);
