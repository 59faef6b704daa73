from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Written by migrations/make_migration.py: aerich's SQL for each engine we run on.

POSTGRES_UPGRADE = """
CREATE TABLE IF NOT EXISTS "bonus_code" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(64) NOT NULL,
    "reward" VARCHAR(255) NOT NULL,
    "max_claims" INT NOT NULL,
    "claims" INT NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "min_wager_month" DECIMAL(20,6),
    "created_by" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "closed_at" TIMESTAMPTZ
);
COMMENT ON TABLE "bonus_code" IS 'A bonus code players claim in /bonus: the total cap holds because `claims` only grows through a';
        CREATE TABLE IF NOT EXISTS "challenge" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "game" VARCHAR(64) NOT NULL,
    "multiplier" DECIMAL(12,2) NOT NULL,
    "min_bet" DECIMAL(20,2) NOT NULL,
    "prize" DECIMAL(20,2) NOT NULL,
    "max_winners" INT NOT NULL,
    "winners" INT NOT NULL,
    "deadline" TIMESTAMPTZ NOT NULL,
    "description" TEXT NOT NULL,
    "created_by" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "closed_at" TIMESTAMPTZ
);
COMMENT ON TABLE "challenge" IS 'Hit a multiplier on a game: admins approve entries up to `max_winners`, each winner gets a prize code.';
        CREATE TABLE IF NOT EXISTS "bonus_claim" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "player_id" VARCHAR(64) NOT NULL,
    "claimed_at" TIMESTAMPTZ NOT NULL,
    "bonus_id" INT NOT NULL REFERENCES "bonus_code" ("id") ON DELETE CASCADE,
    "user_id" BIGINT NOT NULL REFERENCES "telegram_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_bonus_claim_bonus_i_282790" UNIQUE ("bonus_id", "user_id"),
    CONSTRAINT "uid_bonus_claim_bonus_i_6bae4d" UNIQUE ("bonus_id", "player_id")
);
COMMENT ON TABLE "bonus_claim" IS 'One claim per code per Telegram user and per Goated account: unique pairs.';
        CREATE TABLE IF NOT EXISTS "challenge_entry" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "player_id" VARCHAR(64) NOT NULL,
    "bet_url" VARCHAR(500) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "reason" VARCHAR(64),
    "decided_by" BIGINT,
    "decided_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "challenge_id" INT NOT NULL REFERENCES "challenge" ("id") ON DELETE CASCADE,
    "user_id" BIGINT NOT NULL REFERENCES "telegram_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_challenge_e_challen_a4e6d4" UNIQUE ("challenge_id", "user_id"),
    CONSTRAINT "uid_challenge_e_challen_edb23f" UNIQUE ("challenge_id", "player_id")
);
CREATE INDEX IF NOT EXISTS "idx_challenge_e_status_748a12" ON "challenge_entry" ("status");
COMMENT ON COLUMN "challenge_entry"."status" IS 'PENDING: pending\\nAPPROVED: approved\\nREJECTED: rejected';
COMMENT ON TABLE "challenge_entry" IS 'A player''s one entry in a challenge: a Goated bet link, decided once by an admin.';
        CREATE TABLE IF NOT EXISTS "prize_code" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(128) NOT NULL,
    "challenge_id" INT NOT NULL REFERENCES "challenge" ("id") ON DELETE CASCADE,
    "entry_id" INT UNIQUE REFERENCES "challenge_entry" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "prize_code" IS 'The pool of codes an admin filled for a challenge; each goes to at most one approved entry.';
        ALTER TABLE "telegram_user" ADD "notify_challenges" BOOL NOT NULL DEFAULT True;"""

POSTGRES_DOWNGRADE = """
ALTER TABLE "telegram_user" DROP COLUMN "notify_challenges";
DROP TABLE IF EXISTS "prize_code";
DROP TABLE IF EXISTS "challenge_entry";
DROP TABLE IF EXISTS "bonus_claim";
DROP TABLE IF EXISTS "challenge";
DROP TABLE IF EXISTS "bonus_code";"""

SQLITE_UPGRADE = """
CREATE TABLE IF NOT EXISTS "bonus_code" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(64) NOT NULL,
    "reward" VARCHAR(255) NOT NULL,
    "max_claims" INT NOT NULL,
    "claims" INT NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "min_wager_month" VARCHAR(40),
    "created_by" BIGINT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "closed_at" TIMESTAMP
) /* A bonus code players claim in \\/bonus: the total cap holds because `claims` only grows through a */;
        CREATE TABLE IF NOT EXISTS "challenge" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "game" VARCHAR(64) NOT NULL,
    "multiplier" VARCHAR(40) NOT NULL,
    "min_bet" VARCHAR(40) NOT NULL,
    "prize" VARCHAR(40) NOT NULL,
    "max_winners" INT NOT NULL,
    "winners" INT NOT NULL,
    "deadline" TIMESTAMP NOT NULL,
    "description" TEXT NOT NULL,
    "created_by" BIGINT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "closed_at" TIMESTAMP
) /* Hit a multiplier on a game: admins approve entries up to `max_winners`, each winner gets a prize code. */;
        CREATE TABLE IF NOT EXISTS "bonus_claim" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "player_id" VARCHAR(64) NOT NULL,
    "claimed_at" TIMESTAMP NOT NULL,
    "bonus_id" INT NOT NULL REFERENCES "bonus_code" ("id") ON DELETE CASCADE,
    "user_id" BIGINT NOT NULL REFERENCES "telegram_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_bonus_claim_bonus_i_282790" UNIQUE ("bonus_id", "user_id"),
    CONSTRAINT "uid_bonus_claim_bonus_i_6bae4d" UNIQUE ("bonus_id", "player_id")
) /* One claim per code per Telegram user and per Goated account: unique pairs. */;
        CREATE TABLE IF NOT EXISTS "challenge_entry" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "player_id" VARCHAR(64) NOT NULL,
    "bet_url" VARCHAR(500) NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: pending\\nAPPROVED: approved\\nREJECTED: rejected */,
    "reason" VARCHAR(64),
    "decided_by" BIGINT,
    "decided_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "challenge_id" INT NOT NULL REFERENCES "challenge" ("id") ON DELETE CASCADE,
    "user_id" BIGINT NOT NULL REFERENCES "telegram_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_challenge_e_challen_a4e6d4" UNIQUE ("challenge_id", "user_id"),
    CONSTRAINT "uid_challenge_e_challen_edb23f" UNIQUE ("challenge_id", "player_id")
) /* A player's one entry in a challenge: a Goated bet link, decided once by an admin. */;
CREATE INDEX IF NOT EXISTS "idx_challenge_e_status_748a12" ON "challenge_entry" ("status");
        CREATE TABLE IF NOT EXISTS "prize_code" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(128) NOT NULL,
    "challenge_id" INT NOT NULL REFERENCES "challenge" ("id") ON DELETE CASCADE,
    "entry_id" INT UNIQUE REFERENCES "challenge_entry" ("id") ON DELETE CASCADE
) /* The pool of codes an admin filled for a challenge; each goes to at most one approved entry. */;
        ALTER TABLE "telegram_user" ADD "notify_challenges" INT NOT NULL DEFAULT 1;"""

SQLITE_DOWNGRADE = """
ALTER TABLE "telegram_user" DROP COLUMN "notify_challenges";
DROP TABLE IF EXISTS "prize_code";
DROP TABLE IF EXISTS "challenge_entry";
DROP TABLE IF EXISTS "bonus_claim";
DROP TABLE IF EXISTS "challenge";
DROP TABLE IF EXISTS "bonus_code";"""

SQL = {
    "postgres": (POSTGRES_UPGRADE, POSTGRES_DOWNGRADE),
    "sqlite": (SQLITE_UPGRADE, SQLITE_DOWNGRADE),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXVt327aW/itYekm6libjODePOy++KKkbR/aynbbr1F00TEIWjylAh6Si6JzJfx9s8E"
    "6CFEFLNMXioakFYpPSBxDY+8O+/GcwYxZxvFdHC8v2R9R3V4ND9J8BxTPC/5BcHaIBns+T"
    "a9Dg43tHdMfQz3DYg+h27/kuNn1+YYIdj/Ami3ima899m1HofkEJwtbMpoh3422HaDllQ/"
    "4P9oeI0fAPf0qQ52OfoHsyYS4XoRbCE5+40JXQV/Awi5n8aTZ92PB9F9T+14IYPnsgvL/L"
    "7/7nX7zZphb5Trzo4/zRmNjEsTLY2RbcQLQb/mou2s6o/1F0hK98b5jMWcxo0nm+8qeMxr"
    "1t6kPrA6HE5d8Tbu+7CwCSLhwnBD3CNvimSZfgK6ZkLDLBCweGA6SDL5C0DQxjfHFjXI9u"
    "DGNQGKpIIoVy2GQyCsPMv6onfv0DfIX/2n/99sPbgzfv3x7wLuJrxi0ffgSPToAJBAU845"
    "vBD3Ed+zjoITBOQMV+EdRTjo1vz4gc2UAih6wViryK/sjjHKFaBXTU8ExIuwRbF9RZhc+t"
    "gPXm7Mvo+uboyyU8buZ5/3IEbEc3I7iyL1pXudaX73+Cdsbf4ODdjm+Cfj+7+QXBR/SPi/"
    "FIoMs8/8EVT0z63fxjAN8JL3xmULY0sJWCKGqNYOQ9U4Ns+sw1ZO/Psf1Q+gqlpda/SM0G"
    "OFnI2nuX/md//82bD/t7b94fvHv74cO7g734pSpeqnq7js8+wQuWGdXojcuAD9+zAP3JFL"
    "ulwIcSOdj5j9lF2Gf4u+EQ+uBP+ce3BxWI/nZ0dfLL0dXLtwe5l2UcXtkXl7IA+9jlm4kK"
    "wIlEewAPBq3Au//uXQ18ea9SgMW1LMLBfl5E+Nfri7Ec4UQiv1HYpo/+Dzm2V2cFCRe3rs"
    "zkCmQBisxuEAH68svRH3msT84vjvPLPNzgOL90gPKkAnssoFFXQx2UzsljSkOChntsPi6x"
    "axmFK2yflfUtXprtz/ItmOIHAST8Yvh9oV1wzOjCO3GwPRtIrIbU1Uqr4R76GWbcsZbdIL"
    "qjOXGRye8o/rghDnlw8QwtPP4JtHlo/cRg5nBLwGQL6h+iYJqgObZdT246bO7WEuvhz+Dn"
    "iqv8XgOOb6pp7uAVEUrMX9rMeEYzIxkHhW06I9RDVej92xpb9fu3pTs1XMpuGOJNI5ahbt"
    "VlJdux7tqFvr/mXbDeK61baZE+2XZPXMASTGEvUbaYU0J9ArUFg7mgf+Vmd3EcPnL7wn6g"
    "n8lKjMUZ/+KYmjKTI6M98b93cCB+RDMtak1WBhcvYyUm81pzBPjvJn6wyR5dnxydjgaFOb"
    "4BYCNd7mt4u55im3q55dA+p8kA07rUYgjn/FqDIeq31l44QkIiVOeFluaFWr5N0X+Li4fi"
    "PMBnPnaQiedoyvivQffExBxIdCd6e3eI8R0ZPbhs6fH+Lls8TBEuGBFbft4t5YNv2fDruP"
    "DXS9jT0ctAAv0vAp0t+PATPE4cc3CY+STB1Au4OoQ90S66vfAQv78+7eigGRJN8boWSNRf"
    "Gx81jA+XwGqmAm8i0UOAt8LEJmuRwuqQFeqTZroxdV8Z0+fAc29HwCTf5za3bhuwEFnJHr"
    "IQO8I6RJhU0g4zmxpLrpS6xoxRvuQVx5qY9gw7JYtSUTo/3oH4q/A2vTq4OB2dnH05On+5"
    "vzcMhpAPrB3YE/EZ6F6B3XMJ/HbjfqVGS2Tl+rT+t3yUHwHZgF7NSPZwYesxvWo6zGvIqa"
    "cENzDmu7O8dWmIS/cyhTPf4gmLdA0OZT9+viIOLvHhkZ7l7tjLXkaZ/dgq0eUybJnY8wcy"
    "oiu+OKwkujLdavBcM+J5/OsgTEMHWI9QH/lMNCwsm1CTvEJnvodcrqXM+Wf+J3YJmth8XI"
    "TbqyCGAmEO2MR2Z5Jj8q0+SbNQHWOhtB6n9biuDkh/9TiffJeM9w1vLfESDfv3gpusGsfR"
    "HzeZISw40cXDeH4x/hR1z3vWZV+x+ZT5TIULjgUawd0x1bgFJjjSCVQwTsv0YlZncX6zXw"
    "PmN/ulKMOlLMiWiye+otdaWmYzID+vMrRliCFiTObfAQCP6GJWcELIgJ1Ib2s+F7AecMXc"
    "AsTUAB9cj8anZ+NPhyiUv6UnR+OT0fn56PQQmfDrHIdYt/SU736HyGKU5K2EOgP0+n2NAX"
    "qd34WTAYJLuZXcZbAJe4Y5xfJ3oUpnlUk30ly7tsI/i+Iaoxlai82HI3sDPSJNR2RiU9ub"
    "NrIlcqKaIOwFQWgRx/5GXJtI9jQlgjCiqk6DG652UD17Xp4wBq6KL0yjW4M3NKx0/1qBNT"
    "Fdh9gE8V0dxTcLXNZSQS5ohh+Jh24H2EczPoF5d5PcDhBGwCXdY4/fbeEQeZTNlp4jD7lJ"
    "86iRY2Q+wibXLVTV/tJcY5tco/ZjfzbVoOuWTXEIBvNmps1lZNrMI9OmaOzwlhvx0b+lx+"
    "cXJ5/B7Ll3mPkIRs/HozNhB02wLYyg689nl5fQ4D3a8zm0fB1/Hl/8PoagwEe+SdNuGEfE"
    "dZnEh76cHYgFNM1Vi+aCCdNAt06Jab26a3p1JnYt1qzU4tdyYn3app6kC1QFUqW1sacGU6"
    "XvtWMw1w6mys2xLkX98A3GgYWXDCTGTXKx0qgxM93W2jK/2D43EGZ8KOy5YxMXEn9h9MAf"
    "fRg4HXiIP8tl3wjiiy8YwGgxBweGO9glljblk8S7GyKCzSkKPiJuU3ApNHftfxMR3VM0bd"
    "p57C29i7pKQ4RQMUJoiDwWBP3E0UYLPqEhyQE1F64LlljwzTie2g+jg7YRTCIV3S3q38Oj"
    "s81HAyVvrER3q3QMzwg+2Se8a7jXcAp/vT/cr+0UDn7097L0V2u97++lKbD+Fgjv7ykgLL"
    "YJRXxjGY3uuvmb7NIKW1xOSqv/Ev5JHdVnQXRXotosgi3HprKVoJKKSMv10GGwT2REGoLC"
    "KJc7CubEeqEetu0vqH2itU90Zwekvz7ROratn7taI9eVkD+TLMAKfisx+RiXN9ixt73Uaa"
    "VgE4qMSU+E6xJu1LOsZFt178nNryr6u0aBjZgDN0jcuUZYYJCD6oUn/GyEJGSGwii+3SH/"
    "EGazvSc+4vr/4xCB8W/xFvC2QferONRPFg64hSdIPXkyhwBJAt1Ms06i2w2+WifRbYW55q"
    "+TsXAdFZBTIj2E+N3eXg2Mea9SkMW13fKOKsZ9bMw56ujy8uriN/BuCk8urVt6Nfp1dHID"
    "bS75JzHhmzcYqc07OHHTx1OrXpJI9M/FafOLTbhjK/MeWTkdv9GU9ohwVLeAs5LaBO6aCa"
    "zJrXqvXY/Jrdi4UzJH8mJ9IpV1fvzd3LIq3DozpvoT3ToznoM7Nhh13Trzr7fOk79ZfNvK"
    "ky8jY8u52AtKbhj/Z7OMbDdVNjkhq8Cxfgwjk6+wSQYShjVzfVjFr8Yxzm7UtQa7Cn1feI"
    "jLYoebwx7HCHnEH6Kla/s+oYLezAQ1ihSyYVQj5n3BWzeQtz0x3CKwSMazbvVZ2uG3WwRq"
    "SZ7ici6jLDXx7idyqQIyIjI+lPIYHyRsnus3yfidEeyhebUj5lQtK5pQq1FS90RMD3CnBz"
    "hQpOaMSQ4/1rs7x4J/R5/n128VfJ69Oe9ThLi8rm8s8KS6vjsE61bKKYdKWtNkPRlZvZJ1"
    "eiUTKiD2DDZRpvUzkprW7/Ioc+XRkdn8fB8imJYqnI6MpLkPN69tvLRxS7vjeXxxcZ4Zyu"
    "OzvCf21y/Ho6uXr3M7VwnnWMeHMDChn+gUB7zClbjR7i6j7XrFjZlvT2wTh1+2wNhkrg+r"
    "GBua76mQJR9YEpFhEM8QWxIPeWxGwIHtJYbQ66HoEM4QNGFuGMD90yt0k/Arj2QV56cSfm"
    "zzgC4tyZe/tWfeUv6Px2gxL9bPQQ1IEkR7B2UiRXi5y5bonvCHkCjvzRAqQ8aJBDxkMU0M"
    "dZAY4uOvQguF3XtHCr3eP6jjP7R/UO5ABNf0SWFHnFse+a9Vmtdh/x76MG4+cfUcrxy+rq"
    "uY8SkRbcg/wZD/G/uO/l0S62mPrXLo++uxpbP9KS2uXRreUsJGgUbYpoV8KeJgBhLbOLwy"
    "rLKK50mf2uFh3OqcENeFAK1VUJptMrEdm088YRU63CDkXebM9YMuQTTXK3S3sK07ZHNLVj"
    "z+Z3QHX/gOakRA+Bd9kGRJa+mZ6+3WPweiqC9ff31m4VUQTRY1LQl5zLYEB+yZJuw4hnhT"
    "yzNFL9RCoBY9LcayqWiEcruYKmZIi/r30IDYSnbb7LtS3PWqzlwLss9z7Lqt9D01zlyVim"
    "dn1qBmSEeiGug6QDcpCl+Q1VDXgTreMpuhnRbXgFcBPrFdzzc8QmgjF4KccA9t0103VnLh"
    "Q1zvbURBZCT1MHdumJsdbWOTGOS76Sw8DtcGjrhH0b12dwZUZ8mBOljRWbLhEv7Fvae6Bv"
    "yWuuVVcMc+odcwAsYPQ4sMeaiSehCMYqxSNymzJ8fBJKFAMtooHSdUwRxlgpPWs0fglQCO"
    "tFDFS+SXipP4oIkNFUIDJ4YkEdDPge/BA+NdfYaSkl4kTi8RJBAqskZbfpb2cuiWl4M8Qq"
    "6czYn695DN2Yqng4433168uVhV1HBNi2wkQcrOLw46irzlKHKVo67cXC+OQ6S9qY5C3USc"
    "nZrudcch/ZLXGIMnHSFmbTaJSlgw6srVwqwxqXiw6JAJV7oWotIrjkKYYT6AR4g3REvbh5"
    "pFQSauIVpQ33YS1c6xJ76HbL/iFHGDD9BKYLeUwOeOga7hLdWaFrjhIOjWc+V1bfNs4cSU"
    "L5D2N2IoOmxnpTaSl7BDfgAHddJzHpRn5zwonHOIjalJWsKcYJ9MmZZ9t2MkGwTcZ0V7eP"
    "7QYxdIUJ4avHgZMZ0OtOlbF8Ko/s5lBLUTatcO/DKBGzqNelGH2IwvYQXBlHjQPpFdStx1"
    "dwzwupRGZqp1qeg00Bvi1CuYGRLyI7w6XMt8zJOO9RPCBfWaxYEVphYSSVHAq9kjfqbYBb"
    "qC2s3YJYiSb8RFizksvFaQxY2SJQEnaLYMDrckJMg2H3dLg/xxNhAk4l6+CBNmDgQTu9Gd"
    "QHRqez5zV6/QUZhzDlgXIGWwuJ1Np8SFe0Bfhz+RP4ZgN6yRXddfW5Mvmnx5nh1nw+RLk6"
    "xVOl+VzlfV5TBX4ivbgYmM5l4aW4EAYpMoxA0GIXZuIPrFuHQkKDGV6KhEo07SIK3RqN2k"
    "41qN+oISruTSR2JFB37inC9K1iwUYBEvyJXGFeJaKLPA1wsUTUKt4rnhBu4nLU4XJY2Gew"
    "dBglGLLknXDYVWjEx9WKPufdqbNubi1F1eavdDXHVIa8shrYqmWEpKR6BVmWKClFK1cyOZ"
    "J0O7O6cSjexcoUgp6QkpCb2nrfcyjdS3Jx4B5OuP7BjIdQ8CUpOrU8cA5JtNlif8PgOZ0Z"
    "JcHVYaLaKfYUYd6xwDCBEEIiLfFYSgiNAToOGHyGMI+PdV8PmFh0w2X4kMJt6ULYW1ASse"
    "+FsGBbJtH2j4GbakCVW2/DRNzXfLkjGn2FdOU5kS6tPy3zLdFqbyVUY/K6cHoPEAhKG5iq"
    "pPRqhP6G9N+0nilZ+oAPU7CrqgB2VmWpdUoesVNa8W0liQ6FKlEuTxToa7qBn/ATQr9n0y"
    "mwtlRCgcojDdnEsSPEMO4dqFe89AZeFwMnQX0EN3csr2CffS2ku3tBePLVyZaVXOayUSPW"
    "S2Np+PVtSpa+QZmpXs4dHgjhwF1vINjeuVNqoQlRbVPsBdHme28E1WdhCwPoV4Sry9HOJc"
    "T6ANcohffR2PRcbwUP6WXnw+ROyxmBv8avTr6OQGWlzyT2L60Ma3ntHV1ddL0cxnAnHdxd"
    "wPmPrnX5UDlcQzXGIS+5vs1KFUs5CJtmfEbOu4YTtnkp4RZjRrgG9KUsNbCPJyXSbxib8h"
    "38vi6yKBjcQwdnhDGf1xk9lLCv508X5yfjH+FHXPO9ll0bYWbpCKbCZJQlY6kXNSPYqt2t"
    "g0Fl7K4IFEJFpTZTW+nKSuybe5mnzb5D0y6eEk5Ec+fVw5A1LIXLeeBrkOC7wtpwxNwakM"
    "O+B55jNBYNwzSWKLeiIbJjWqqOtNkqZdIDZaIazL6Q+YPKqOPWmZLe2mffKbCrIXq4KclW"
    "qPaRooWkld8qByuMK8wLJMXOU4p2X6oBpu23CMt50mYEuFNerrUXe5JtiUcolkW1xDIpVE"
    "hW35ej26OkQgeUuPTr+cjQ8DB5FbevH7GC6xJS3Ws60zHHUSVpanqywkqwwrxBlc+VHU2X"
    "OSWmdfo7NnUMeUymiUasBjIY21AtaikvXKYN+I6+NHIknMVYm6TLxF/CPdcdfhn2PbMuYO"
    "Noks83uNAcjdQA+B8hBMbIodQ1phqs4AZMQ1/Mrwx6liG74AWXk9APUHQBeRLdct+xXPmy"
    "k4H+RfaTDqWUk96l0ZdcmRfqHWzDNFT3Y4LeiWUnqVnzikzBxGF55hOtiWHbWp1Ps5hjud"
    "wI128HUrc3DNblJxJnnIZW5LtQQFwJTTvu8kaLqylCp6xePA9bn5FCsO1M7M16lFs64Xen"
    "laPv4N0Pjr+fkmaw3IZqPkoLVk0paft8peHCFRI/4uOtUV9CZEvMGyLOpAhXXEETZNtqD+"
    "EC2xDXntRM67l/w/CIWzRMnxn5LEeXkWdEuP0L7q3fJVF2PKtWzVs8S8XA/91rdynsiXbX"
    "8h2Rzrnbsk0u15us6JKDSievZyORqfCk/XUP6WHl1eXl38Bq6rUXk6uZfrydH4ZHQunGFN"
    "QAFq3zU5o9n8kRnjv8XgS1xZZccKH5OCaG+KYLUcHqlppPIB2U1CoQ6NFOoTDUY9K6kDQb"
    "rDGpWPsmqezaxcj5yCWw89b7lmUtdQ377+1928cs+I9OYdJEHLUk5hkRLqUwaFFhaRijwL"
    "clVZOcmCYg30rg1FXV4rNQXlqRWKa8kGwNVVPKpyVqRsD37ticR2NiNXT+CW8NmbI19/h2"
    "yU1xTPvSmT0q7ZDsMqwlVktjS8dN/ahV5feGhiPyy4ugvJkyGABRKGIA+L/GKzIVq6tu8T"
    "SDDmrNByyv8SGZbDmEuOVMh5ijAXUVzkwf5GgsRlEva1hafe0vghAhkPEkEHidTgKfzmU9"
    "sU5VGWU34FUuAh4YBke2KaQ81Zy6vJ6/6ZfQu5PfYXJJGG/7ceybMjrO8zB/JoXbUVXTXK"
    "O6SW8Ssn1SeFdWOhsOpsUW+5wT7RRGF+ar7ZSN1o6+S2TmR1huuqJMwRXEtCJKUFaiEdiW"
    "qg6wBdUpSsFtJl9ck01FKoseMY0WreAO20uAY8D3hHciMcEZdbMAOJ1RheGVaZizjps85M"
    "LAdXe7x0y+OFm7eerXbKkRLpoUWzlXMOeKkUEA679xDd13t7ddxQ9vbK/VD2ClsYf6JPqF"
    "IVyJSIrgOpWAfyWTezH/8PPwTjRA=="
)
