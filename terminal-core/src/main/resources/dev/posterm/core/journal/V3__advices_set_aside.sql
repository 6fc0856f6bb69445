-- An advice that cannot be sent is set aside instead of stopping the queue behind it:
--   UNREADABLE  its sealed card data does not open (wrong or lost key, altered bytes, a row whose
--               amount, STAN or auth code no longer match what was sealed), or it cannot be encoded
--   LOST        a new card data key was made at start while it waited: nothing can open it now
-- set_aside_reason says why, in words without card data. The sealed bytes are kept: restoring the
-- right key file and restarting puts an advice whose card data opens again back in the queue.

ALTER TABLE advices ADD COLUMN set_aside_reason TEXT;
