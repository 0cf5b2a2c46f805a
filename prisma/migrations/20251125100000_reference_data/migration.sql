-- Reference data the catalog service expects in every environment (hand-written data migration).
-- Ids come from the sequences: 1, 2, 3 for the categories and 1, 2 for the coupons in a fresh database.

-- InsertData
INSERT INTO "Category" ("slug", "name") VALUES
    ('books', 'Books'),
    ('electronics', 'Electronics'),
    ('home-kitchen', 'Home & Kitchen');

-- InsertData
INSERT INTO "Coupon" ("code", "percentOff") VALUES
    ('WELCOME10', 10),
    ('SPRING25', 25);
