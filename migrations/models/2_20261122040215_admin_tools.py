from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Written by migrations/make_migration.py: aerich's SQL for each engine we run on.

POSTGRES_UPGRADE = """
CREATE TABLE IF NOT EXISTS "audit_log" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "at" TIMESTAMPTZ NOT NULL,
    "actor_id" BIGINT NOT NULL,
    "action" VARCHAR(48) NOT NULL,
    "target" VARCHAR(255) NOT NULL,
    "before" JSONB,
    "after" JSONB
);
CREATE INDEX IF NOT EXISTS "idx_audit_log_at_63718d" ON "audit_log" ("at");
COMMENT ON TABLE "audit_log" IS 'One admin action: who, what, on what, the state before and after, when.';
        CREATE TABLE IF NOT EXISTS "broadcast" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_by" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "text" TEXT NOT NULL,
    "photo" VARCHAR(255),
    "audience" VARCHAR(32) NOT NULL,
    "draft_id" VARCHAR(32) NOT NULL UNIQUE,
    "status" VARCHAR(16) NOT NULL,
    "progress_chat_id" BIGINT,
    "progress_message_id" BIGINT,
    "finished_at" TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS "idx_broadcast_status_0a5d47" ON "broadcast" ("status");
COMMENT ON COLUMN "broadcast"."status" IS 'SENDING: sending\nCANCELLED: cancelled\nDONE: done';
COMMENT ON TABLE "broadcast" IS 'A message an admin sent to an audience. Its recipients are fixed when the admin confirms.';
        CREATE TABLE IF NOT EXISTS "race_prizes" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "month" VARCHAR(7) NOT NULL,
    "pool" DECIMAL(14,2) NOT NULL,
    "split" JSONB NOT NULL,
    "set_by" BIGINT NOT NULL,
    "set_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_race_prizes_month_1b6ab7" ON "race_prizes" ("month");
COMMENT ON TABLE "race_prizes" IS 'A race''s prize pool and split as set by an admin. Rows are never updated: the newest row for a';
        CREATE TABLE IF NOT EXISTS "broadcast_delivery" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "user_id" BIGINT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "error" VARCHAR(255),
    "sent_at" TIMESTAMPTZ,
    "broadcast_id" INT NOT NULL REFERENCES "broadcast" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_broadcast_d_broadca_b0bab4" UNIQUE ("broadcast_id", "user_id")
);
CREATE INDEX IF NOT EXISTS "idx_broadcast_d_broadca_12791a" ON "broadcast_delivery" ("broadcast_id", "status");
COMMENT ON COLUMN "broadcast_delivery"."status" IS 'PENDING: pending\nSENDING: sending\nSENT: sent\nBLOCKED: blocked\nFAILED: failed\nSKIPPED: skipped\nUNKNOWN: unknown';
COMMENT ON TABLE "broadcast_delivery" IS 'One recipient of one broadcast: the unique pair makes \"at most once\" a database rule.';
        CREATE TABLE IF NOT EXISTS "race_exclusion" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "month" VARCHAR(7) NOT NULL,
    "reason" VARCHAR(255) NOT NULL,
    "active_key" VARCHAR(80) UNIQUE,
    "excluded_by" BIGINT NOT NULL,
    "excluded_at" TIMESTAMPTZ NOT NULL,
    "lifted_by" BIGINT,
    "lifted_at" TIMESTAMPTZ,
    "player_id" VARCHAR(64) NOT NULL REFERENCES "player" ("uid") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_race_exclus_month_285f27" ON "race_exclusion" ("month");
COMMENT ON TABLE "race_exclusion" IS 'A player left out of a race''s standings, with a reason, until an admin lifts it.';
        CREATE TABLE IF NOT EXISTS "review_card" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "chat_id" BIGINT NOT NULL,
    "message_id" BIGINT NOT NULL,
    "request_id" INT NOT NULL REFERENCES "verification_request" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "review_card" IS 'A review card sent to one admin, so every admin''s copy can show the decision once it is made.';
        ALTER TABLE "telegram_user" ADD "banned" BOOL NOT NULL DEFAULT False;"""

POSTGRES_DOWNGRADE = """
ALTER TABLE "telegram_user" DROP COLUMN "banned";
DROP TABLE IF EXISTS "review_card";
DROP TABLE IF EXISTS "race_exclusion";
DROP TABLE IF EXISTS "broadcast_delivery";
DROP TABLE IF EXISTS "race_prizes";
DROP TABLE IF EXISTS "broadcast";
DROP TABLE IF EXISTS "audit_log";"""

SQLITE_UPGRADE = """
CREATE TABLE IF NOT EXISTS "audit_log" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "actor_id" BIGINT NOT NULL,
    "action" VARCHAR(48) NOT NULL,
    "target" VARCHAR(255) NOT NULL,
    "before" JSON,
    "after" JSON
) /* One admin action: who, what, on what, the state before and after, when. */;
CREATE INDEX IF NOT EXISTS "idx_audit_log_at_63718d" ON "audit_log" ("at");
        CREATE TABLE IF NOT EXISTS "broadcast" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_by" BIGINT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "text" TEXT NOT NULL,
    "photo" VARCHAR(255),
    "audience" VARCHAR(32) NOT NULL,
    "draft_id" VARCHAR(32) NOT NULL UNIQUE,
    "status" VARCHAR(16) NOT NULL /* SENDING: sending\nCANCELLED: cancelled\nDONE: done */,
    "progress_chat_id" BIGINT,
    "progress_message_id" BIGINT,
    "finished_at" TIMESTAMP
) /* A message an admin sent to an audience. Its recipients are fixed when the admin confirms. */;
CREATE INDEX IF NOT EXISTS "idx_broadcast_status_0a5d47" ON "broadcast" ("status");
        CREATE TABLE IF NOT EXISTS "race_prizes" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "month" VARCHAR(7) NOT NULL,
    "pool" VARCHAR(40) NOT NULL,
    "split" JSON NOT NULL,
    "set_by" BIGINT NOT NULL,
    "set_at" TIMESTAMP NOT NULL
) /* A race's prize pool and split as set by an admin. Rows are never updated: the newest row for a */;
CREATE INDEX IF NOT EXISTS "idx_race_prizes_month_1b6ab7" ON "race_prizes" ("month");
        CREATE TABLE IF NOT EXISTS "broadcast_delivery" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "user_id" BIGINT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: pending\nSENDING: sending\nSENT: sent\nBLOCKED: blocked\nFAILED: failed\nSKIPPED: skipped\nUNKNOWN: unknown */,
    "error" VARCHAR(255),
    "sent_at" TIMESTAMP,
    "broadcast_id" INT NOT NULL REFERENCES "broadcast" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_broadcast_d_broadca_b0bab4" UNIQUE ("broadcast_id", "user_id")
) /* One recipient of one broadcast: the unique pair makes "at most once" a database rule. */;
CREATE INDEX IF NOT EXISTS "idx_broadcast_d_broadca_12791a" ON "broadcast_delivery" ("broadcast_id", "status");
        CREATE TABLE IF NOT EXISTS "race_exclusion" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "month" VARCHAR(7) NOT NULL,
    "reason" VARCHAR(255) NOT NULL,
    "active_key" VARCHAR(80) UNIQUE,
    "excluded_by" BIGINT NOT NULL,
    "excluded_at" TIMESTAMP NOT NULL,
    "lifted_by" BIGINT,
    "lifted_at" TIMESTAMP,
    "player_id" VARCHAR(64) NOT NULL REFERENCES "player" ("uid") ON DELETE CASCADE
) /* A player left out of a race's standings, with a reason, until an admin lifts it. */;
CREATE INDEX IF NOT EXISTS "idx_race_exclus_month_285f27" ON "race_exclusion" ("month");
        CREATE TABLE IF NOT EXISTS "review_card" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "chat_id" BIGINT NOT NULL,
    "message_id" BIGINT NOT NULL,
    "request_id" INT NOT NULL REFERENCES "verification_request" ("id") ON DELETE CASCADE
) /* A review card sent to one admin, so every admin's copy can show the decision once it is made. */;
        ALTER TABLE "telegram_user" ADD "banned" INT NOT NULL DEFAULT 0;"""

SQLITE_DOWNGRADE = """
ALTER TABLE "telegram_user" DROP COLUMN "banned";
DROP TABLE IF EXISTS "review_card";
DROP TABLE IF EXISTS "race_exclusion";
DROP TABLE IF EXISTS "broadcast_delivery";
DROP TABLE IF EXISTS "race_prizes";
DROP TABLE IF EXISTS "broadcast";
DROP TABLE IF EXISTS "audit_log";"""

SQL = {
    "postgres": (POSTGRES_UPGRADE, POSTGRES_DOWNGRADE),
    "sqlite": (SQLITE_UPGRADE, SQLITE_DOWNGRADE),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXW1z2zYS/isYfbl0RudxFCf2+T7JtpK6cSSPLLed1h0GIiGLZwpQQdCK2st/vwVIiu"
    "80SUsyzeOHOBKABakHBPDsYnf5d2fBDGLZB33HMMWACr7unKK/OxQvCHxIqe2iDl4ugzpZ"
    "IPDUUs2xbKdZ7F41m9qCY11AxQxbNoEig9g6N5fCZFQ2H1GCsLEwKYJmUHaKVnPWhT9YdB"
    "Gj3gcxJ8gWWBA0JTPGQYQaCM8E4bIpoQfyYgbT4Womvd9yvw41/3SIJtg9gfYcev/9Dyg2"
    "qUG+Edv/unzQZiaxjAh2piE7UOWaWC9V2SUVH1VDectTTWeWs6BB4+VazBndtDapkKX3hB"
    "IO9ym7F9yRQFLHsjzQfWzdOw2auLcYkjHIDDuWHA4p7d5AUNbRtOFoot0MJprWSQyVLxFC"
    "2SvSGZXDDLdqq19/L2/hn723R8dHJ+8+HJ1AE3Wbm5Lj7+6lA2BcQQXPcNL5ruqxwG4LhX"
    "EAKhZJUC8AG2EuSDqyrkQMWcMTOfA/xHH2Uc0D2i94IaQ5wcaIWmvvujmwTi6/DG4m/S/X"
    "8nIL2/7TUrD1JwNZ01Ol61jpmw8/yHIGM9id25tO0C+Xkx+R/Ip+Gw0HCl1mi3uurhi0m/"
    "zWkfeEHcE0ylYaNkIQ+aU+jNAyNMi6YFxLmz9n5n3mFApLPT2Rqg1wsJDtby79q9d79+64"
    "d/juw8n7o+Pj9yeHm0mVrMqbXWeXn+QEi4yqP+Mi4Mv7TEB/Psc8E3hPIgY7/JjXCPsCf9"
    "MsQu/FHL4eneQg+nN/fP5jf/zm6CQ2WYZeTU9VRQEWmMNmUgbgQGJ/AHc6e4G39/59AXyh"
    "VSbAqi6KsLufJxH+6WY0TEc4kIhvFKYu0H+RZdpFVhBvcavLk5yDrIQishv4gL750v81jv"
    "X51egsvszLDs7iS4ckT2Vg3wi0qJdDXZLO2UOIIcmCKdYfVpgbWqKG9VhW22TVoreIl2CK"
    "7xWQ8hfL3+fpBWecYUPHtuikKA1BZa7OMI00e1Jn6KMFsW24HaDrHsm3CRVIMFUACgihOj"
    "lAl8JGnOjmEr7DRwz8fmbC06CoveL+rjAM3szkCzupRez0Sq1eUS+9Qgc2DUho03U50hmV"
    "a2lnZdrpA1lewYtK7kfR2++ANFfTE+RbynhPoDSDCXvtG6Fo5I3j4NdJPlHYDOPVaPjJbx"
    "5nD9EptpwzwcroHRuBSnDXjJbtQe/wOUEp5Tkk04inOorzu14BmN/1MlGWVVGQDQ5aQ6px"
    "KBvksMx2QH5ZMrRjiKVV3LHTAR5QZ6FAvoRbwt6DGwE7kN7V85zAugPE3JCIlQO8czMYXl"
    "wOP50iT/6OnveH54Orq8HFKdLlr7MsYtzRC9j9TpHBKIlrCUUG6O2HAgP0Nr4LBwMkq2Ir"
    "OWdyE7Y1fY7T50IeZ02TrsRc67bCvwhx3aDpaYvVhyPaQTsiVUdkZlLTnlfSJWKiW1Amaj"
    "Yir0R38DFJKA8lDF8hykAs85Fwk6TsaWee7MfPY2LhjIOMuEXrwu1w/Qrp2Xf/kfdLvWf0"
    "+17shBvg8uyFYXQL2A01I9y+kNPBxlyH2AzBro42nZ0qg507WGiJTY4W+IHY6K6DBVrAAw"
    "zNdXLXQRhJW9IU29CbY5F0J4QdXSfFePh71I7q2EQdhf4RMyrGmnlU7Y/W1rhPW6M/OKVY"
    "QkiotTJWpgZ112xSzmGX1VSba1+1WfqqTVLZgZKJ+iru6NnV6PyzVHumFtMfpNLzsX+p9K"
    "AZNpUSdPP58vpaFtgP5nIpS26Hn4ejX4ansI49wCZN66EcEc5ZyilktnVgI9CauQqZueQD"
    "U4Fbh8RaXl03Xh1xn9gwq1Lbf1ysSdvUs7hAQmdJgTqJ80fGiXlPP5N1YlN6Qjt5hTBnaS"
    "VQzPFqQ0wTzxigAL+dCHeF79+c9y8Gne8v4wxxbeG1IuMJzcaryVVnlkGbAj4QbmvQL2aw"
    "eREDTdeuo8FsZlomDHsXYRtZgBM0WTIu3CafmHwiDtBXxzS+ItOW7s9w+X+jr/KGv0qLJ9"
    "LnmN6nqDN7uubTfhG/d1aAP9wANDLwugPVQdGKkIdoyYJR2AkjRdiyNLXLZOs9TrnzBaeh"
    "Rwsfjgqwhw9HmeRBVuXrQur/Ekj77Rt4VLYTrhadK0nGRnRzga10rBOycdrmCh94nexqAA"
    "73T9kuBueXX/pXb3qHXZeIAT0z3U1m4/J7mAW1WoOqIe2LtkAXAdpd2qshvZFtoS4C9WbL"
    "rIZ2WLwFPA/wmcmB3NqE0EqnVzHhBjrDNUnRdnlvJZ/HiGQ7zLUb5krnlHB3RCPfdMuxAa"
    "5nHlaOobOB39frfQKSB5XhGSRPdWemrqDQOIEbt8Uzcfs51OXY7bFJ6JWygIQddS1yz/FC"
    "k+dQ2QCPKJkw+PM0zBOvw1uvv1dp7k2Ht4TNKDpJU0xHiVmcbUGKrh4lLUkWmQnEHHVQjZ"
    "Hs6h/KVKNOiuwuWpliLisIthntIocK0wriYixzJmxkihyz0RYv0MbO1Os8O0MPyzbiZClf"
    "u3MQ3ZsRJw9Jn/UfZxpwjuPqgDsdymAbSLQmsoJe+7owH4n2QFLsY/lB74HUVk6Oa2T4PT"
    "ksgPPJYSbMJwnFVm1MRoUIu5hgk04V9+z8skGyvL4ZE22gwtngIDtJnipMvIhY641eddZ5"
    "MJafcxHB1mOmbhaeSAyI0nFKBqVFhBpI1rZzeJzjPBO4TDzTcybwz3hlgBd1m4k8anXymZ"
    "HmjWtu/uU9GSnGD6+2+6TlYxk0LGD28AwQSggtGbNU9j97aZlCurHYREjnFd/+cIDGbOWm"
    "9qDkkXDkLOXCa7he/JSsiPR6YSs0YxzhFCPILi93R5U+LX1rTKH6EnDdLmKWId11/J6k6N"
    "y0BePrA9RHroy0ukijDFbdmXROuOxDtrXginAZgrllQj+MFnXQaY0vrfHlZXacLRtf5Dwt"
    "eeDti7zMIffLsDX/nPvtUbdX+JxbLX1JcLNThW0EnpUq7BXBupMMbbA5lNYDA5nW9lI98I"
    "hUC5nYYsRE7QaiWRaXEif+O2XU5NEkq3PoJ5VRB7X5jFq103S/YRFGrUSQFNnkyWN+Iu4u"
    "shmSVHbtfgcurLPlWnl/23OgnpJxyl1SHl2q0FfgspLRLrCR6oy+46u1LLdeLLdSnpPnpj"
    "ep3YL5IjtX1bQmW8hm0g6AuxYrJ6RywXhRoSahv6tQPB74ej3TnNhsD7JuzLYYfdLqZFy8"
    "WVN97KS6VflVuSTIhkYadwq6UqmXjghBFktFRhThUDk+liBJ8AJZQHcJnzJJWQBOhr66Zt"
    "mvGS8wqd5Xy17qxV5s5vByWSEDiQYeDG0/5QOsyLzaIWtUsoFa9ivRqgsds7aJ3f4/xpk5"
    "QmdZccFPp+kJie8vAynwBFohTc/4djhUSXk8+Ts6+nyK2EMy/c548NPgfCJLOPkP0YUsg6"
    "1nMB7fXqtieBII585S/q5arMouJbE1TnRiPpIyzCJNdH9KzK6CBbfDM5IAe9FgFfANSbbw"
    "Jvwl0xNJZWenb1QiqbwNZRfZ6Q2Hu2Fci5QArswHOSbVIDfF7do5XkYDjwR5pajh8SCwbF"
    "08EX/2tEJ+AxxAHgms5gzNsY0Eth6IIfVpqUpPWUq0UjGRLavXeUbUbZrv6qBi78V0mp95"
    "s2zGmbDMjtb115/gJ57AoCzIUan2LYdF4pYsoG4OrLtlcA7LNIGk7FqF2Ww7VcBOFW5Rfx"
    "p1zqzKyr8vu8c1xKckZfT+25vB+BRJyTvav/hyOTx1XRVA//9lKKvYinq9lg3dKxK5lx24"
    "l3iXqpsOWAPyk0JdGKCNafrjH5OMDcjU85TcxYhsSvarFp2NRlcRtejsMq733H45G8BkiL"
    "lJJlXPKaY0TaHPB3wj1GJdAuv2zYPZK0uzXPTCo+6FVFQY9ahkO+p1GfWUo4VEvqAXCtSr"
    "caT/jqL0su1NbfKmbSZvejoa0k/JtO1YyFo9088PhIQ7QMPbq6uYs9KzzJ9pT2OKFTTjoc"
    "02hqZNnGI20T7yTa5K95CO0RY2F+qd5l6qboR1nTlUdNEKmzKSUEUZvoF/0mPaUFm9fwhC"
    "FRM21N1conVpqpdLkxpTIEFlDX1xuQa6N+3mnSs1f3FR0iFia+8t6l9fj0c/Sw8HWBE5e8"
    "xyhkh7dWsVA8r27VkMfosGS1xW8sScA6CE6FZOOOuwNO3Zi77V8rMH5HXqe0W0fI9PVBj1"
    "qGTrL1gfpT57lMtGNkflGuQ7svcIpT1nqawb6rvnf22Gqb14L7SvZt3rIpITjpdOlUvH4p"
    "VMM163oShq1wo9gukReMm1ZAvgtnnT8kIbQ7oH1D33bQ6RxA0NgXun75zvE27q806KvdWr"
    "6eaZWHHQ5imjajYMrdGyXkbLR8L9VyMUpVAhkQYSqN3kU4dJVQJhr3kD0X17WCSLOrTKNi"
    "UeJhKnwRUFoaVSp4VE2uRpJZOnvWggxff/AU7AC1E="
)
