from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Written by migrations/make_migration.py: aerich's SQL for each engine we run on.

POSTGRES_UPGRADE = """
CREATE TABLE IF NOT EXISTS "verification_request" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "claimed_name" VARCHAR(255) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "open_for_user" BIGINT UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "decided_at" TIMESTAMPTZ,
    "decided_by" BIGINT,
    "reason" VARCHAR(255),
    "player_id" VARCHAR(64) NOT NULL REFERENCES "player" ("uid") ON DELETE CASCADE,
    "user_id" BIGINT NOT NULL REFERENCES "telegram_user" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_verificatio_status_a9b55a" ON "verification_request" ("status");
COMMENT ON COLUMN "verification_request"."status" IS 'PENDING: pending\nAPPROVED: approved\nREJECTED: rejected\nCANCELLED: cancelled';
COMMENT ON TABLE "verification_request" IS 'A Telegram user''s claim to a Goated account, waiting for (or decided by) an admin.';"""

POSTGRES_DOWNGRADE = """
DROP TABLE IF EXISTS "verification_request";"""

SQLITE_UPGRADE = """
CREATE TABLE IF NOT EXISTS "verification_request" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "claimed_name" VARCHAR(255) NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: pending\nAPPROVED: approved\nREJECTED: rejected\nCANCELLED: cancelled */,
    "open_for_user" BIGINT UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "decided_at" TIMESTAMP,
    "decided_by" BIGINT,
    "reason" VARCHAR(255),
    "player_id" VARCHAR(64) NOT NULL REFERENCES "player" ("uid") ON DELETE CASCADE,
    "user_id" BIGINT NOT NULL REFERENCES "telegram_user" ("id") ON DELETE CASCADE
) /* A Telegram user's claim to a Goated account, waiting for (or decided by) an admin. */;
CREATE INDEX IF NOT EXISTS "idx_verificatio_status_a9b55a" ON "verification_request" ("status");"""

SQLITE_DOWNGRADE = """
DROP TABLE IF EXISTS "verification_request";"""

SQL = {
    "postgres": (POSTGRES_UPGRADE, POSTGRES_DOWNGRADE),
    "sqlite": (SQLITE_UPGRADE, SQLITE_DOWNGRADE),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXG1z2jgQ/isaf7l0JpchJE1yuU9AnJQrgQwhbadNxxG2AF9sicpyKNPLfz/JL/gdsA"
    "vEMHxom6y0kvzserX7SO4vySQaMqyjOwNOEZUuwS8JQxPxH2Ith0CC43EgFwIG+4bTdRz0"
    "6VuMQpVx6QAaFuIiDVkq1cdMJ1j0rQG3N6BogChFGuhPARshAAcD3dAh4zrQAga0GO8yJp"
    "S5XW4Ib9KOwJOta09At4DlTP83eBILfgIqxEAdQTxER2IhGlH5SnQ83OCcNtZ/2EhhZIj4"
    "4ALNb9+5WMca+oks8es3aQKHiC+Ad9LgVOLNgWiC0HNUYhLMRlERNAyF6dxC38XQ42dloC"
    "NDixiOL1asxmlQ2HTsCBsjSK+drgKcvqISwzZxqPt4ykYEz/pz8IR0iDCiAoSQQbFtGJ7l"
    "fZH75FzAqI1mj6wFAg0NoG0ItxDa7hICmaQo7U5PuZd7iiIlXMbXCFnUE6kEC3fTMbMcBE"
    "z4UzEQHnLQLsHZ6as7TwCE20tM+KnWbXyodQ/OTt+JCQn3WdeV215L1Wl6dYaADLqDODYM"
    "gHb+zYG03381UPuCAOvgjds42NX375dAm/fKhNtpE3gH+EbflQTQV0jVTWikY53QjYGuuc"
    "pH3iDrMkBlTejPAftKbjRva62DauXwzEHb+mHoDIXtcFrJgtqJQcWQ9lX3QC8DtBvaiyE9"
    "091DvQzUsy2zGNph9T3g8wAf6NRiioUQViBLQZvDIoBMhzuhHMfa0z7yf9jCPXMO4L3mrX"
    "zfq93eieFNi8PtQFbryaKl6kinMenBWWw3nQ0CPjd7H4D4FXzttGUHTmKxIXVmDPr1vkpi"
    "TdBmRMFkokAtjIkv9kURY7t5r1bA0lHNvZlLZ2ZRWQyeQymvEPSh+jyBVFMiLYE/vCCqD3"
    "QVCrAUirghLGYlXaPuDXP9sYsMp3OKE3il56fQkF13xO31hkAquVWRAzOpkiyco00B0AwZ"
    "aEihqdiWW3OnA9zBqEf4X4th7nkDPnjjLcDXq+i2Al6zasbgNSHm+7rmDSeUPRTup1jt2l"
    "hKoUD8psN5HIjFOynU67WQBeGGAZAxZI4ZYASoZOwSEvaYayJoAgNBDdE+4ZYE/KEIeHIp"
    "jKcku/GbYy1mLTKZhjSioYlZethPpRmEvWIu5/lXeVmGoVjCn9Xj0/PTi5Oz0wvexVnmTH"
    "I+ZwNotnsLWAWL2FTNxSsEGjvILByfLUEsHMe3yIBXEE3RNNViUBB8BTKXqOY+cyld5hKt"
    "RrBujQrZOaa6AkOXc9PcCTsTm6kki4iVsW06Nm7y54fYjZIRW4fU1xU9E7uTxPMELOyTz7"
    "xS96HdbrZvLoGn/4g7Hy8BeX7E17VmS74Sk+sG0h5xV/5HbvSEhKJ/kcqEjG89crf7cOeI"
    "uScgSu2xeK5SRGU3JbF46aAi/QXlySzSVBfnGWVnZ1aTZyQB9srvAviGNPfwxuHlbxNJKc"
    "d66GcGqjOFQmFnizYU+Usvspf4UeDgtvblXWQ/aXXaN373UNRotDr1GNqaTV2mwUzhGDId"
    "OaZVyIlLBvwq3DgH35OLs8hZgUd4iJQyPM5TZNfiCYpkcUF+z3MAwgvpyYiAEbQAg8Yz0k"
    "Q9LUrpPmHJuns5lRWX13V9+NsVdvkP8l2n/qtaPTk5r1ZOzi7en56fv7+ozLw72TTPzevN"
    "G+HpkaiyuBAXzpP3iD+ss6a4vv03KuInRnlBjmptjvOQcubrZbpLYfDUzeZxNw/OYZ1dSF"
    "LWXcLMtp0iYKcq71FfjDolRuHi39fdYAzxU5I8df/Dvdy9BELzEdeubpvtSwA1U8e8/v/c"
    "Fk1kgr1Rc5rjYglrXGQa4yJui75BVJ4DKTz5SUldCEcb4nT3j2nGDNLnquuyyEyy2bKo3u"
    "m0ImVRvRmvex5u6zJ/GWL3L5Klp0oRLEZoRzV3kNCW+ANqHWxMvbi4JcSnF8Ln8p72WCto"
    "9ajm3uplsXoK3e2tPs7iKfmueEeUVpJT7Nw97/2dlze68xJ37SR8/k2WRCqXjmDwwco2+X"
    "QWYlxM4WRGDkVfZf7w/JGRmxfwFYD2Q6slva6OkkvzxhRmLsNpswm6tBdnOZ6uBnwa0MmH"
    "/7CAakDdFKwb9L7XAVBViY3ZIZhAnXHQwYBQcMD/iPu6mvNpzzsAsZtDp30ttI4p9tdsyn"
    "XNxrEpT4Lykk9xvR28crMWAoqHbWanbI7LFeqB9uYO6ccIawUO6e/k9pVzSO/p85L97q7b"
    "+SRO3XlEpOQl64C+UWs35JZzjq8KFAyjLIfzhD+LwkNc1p3TOYcSCdWVnLqVITRt5HhiX+"
    "Xvbr23TJXv5RMFrB7V3N9hK09Rn23lfspnrvOCa1Rvh+4zbDi28vhhuVX5smlgoLF7ZzRr"
    "yf/eiLgq3Va15hN1kWWlgjwvjISUNnexbyeCSII2jFoiaYZrQpE+xB/RdEk6K+fXWWUzxb"
    "K8VsgFI6xWo3bfqF3JUkosWQG4S3OF2wprNl04A/ZtLvvVENXVkZRCJnoth/P4Qxj0WcQY"
    "ZkO6Z+TKxci9IGrp+bKwkMoOZgdrycPES5UDYa/7DqJ7XKksQ5NVKtk8WSXxX2DwGRnCKb"
    "X6P/eddgY7E6jEi3RdZeA/YOjbfAaYBq4AI1KaJz4JiN/+P4zW3GKA+lvfXH/9HztablI="
)
