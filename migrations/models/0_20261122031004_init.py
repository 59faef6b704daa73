from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Written by migrations/make_migration.py: aerich's SQL for each engine we run on.
# aerich writes no downgrade for the first migration; the DROPs are by hand (the aerich table stays).

POSTGRES_UPGRADE = """
CREATE TABLE IF NOT EXISTS "player" (
    "uid" VARCHAR(64) NOT NULL PRIMARY KEY,
    "name" VARCHAR(255) NOT NULL,
    "wagered_today" DECIMAL(20,6) NOT NULL,
    "wagered_week" DECIMAL(20,6) NOT NULL,
    "wagered_month" DECIMAL(20,6) NOT NULL,
    "wagered_all_time" DECIMAL(20,6) NOT NULL,
    "first_seen_at" TIMESTAMPTZ NOT NULL,
    "changed_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_player_wagered_6240f8" ON "player" ("wagered_today");
CREATE INDEX IF NOT EXISTS "idx_player_wagered_fbd1ef" ON "player" ("wagered_week");
CREATE INDEX IF NOT EXISTS "idx_player_wagered_170c59" ON "player" ("wagered_month");
CREATE INDEX IF NOT EXISTS "idx_player_wagered_76cc41" ON "player" ("wagered_all_time");
COMMENT ON TABLE "player" IS 'A player referred by the affiliate, as last reported by Goated. `uid` is stable; `name` can change.';
CREATE TABLE IF NOT EXISTS "sync_run" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "source" VARCHAR(16) NOT NULL,
    "started_at" TIMESTAMPTZ NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "outcome" VARCHAR(16) NOT NULL,
    "players_received" INT NOT NULL,
    "players_changed" INT NOT NULL,
    "error" TEXT,
    "duration_ms" INT
);
CREATE INDEX IF NOT EXISTS "idx_sync_run_outcome_e5bf8d" ON "sync_run" ("outcome");
COMMENT ON COLUMN "sync_run"."outcome" IS 'RUNNING: running\nOK: ok\nFAILED: failed\nREJECTED: rejected\nINTERRUPTED: interrupted';
COMMENT ON TABLE "sync_run" IS 'One attempt to copy the upstream leaderboard into `player`.';
CREATE TABLE IF NOT EXISTS "telegram_user" (
    "id" BIGINT NOT NULL PRIMARY KEY,
    "username" VARCHAR(64),
    "first_name" VARCHAR(255) NOT NULL,
    "language" VARCHAR(16),
    "telegram_language" VARCHAR(16),
    "role" VARCHAR(8) NOT NULL,
    "blocked_bot" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "player_id" VARCHAR(64) UNIQUE REFERENCES "player" ("uid") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_telegram_us_usernam_25397e" ON "telegram_user" ("username");
COMMENT ON COLUMN "telegram_user"."role" IS 'USER: user\nADMIN: admin\nOWNER: owner';
COMMENT ON TABLE "telegram_user" IS 'Someone who has talked to the bot.';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""

POSTGRES_DOWNGRADE = """
DROP TABLE IF EXISTS "telegram_user";
DROP TABLE IF EXISTS "sync_run";
DROP TABLE IF EXISTS "player";"""

SQLITE_UPGRADE = """
CREATE TABLE IF NOT EXISTS "player" (
    "uid" VARCHAR(64) NOT NULL PRIMARY KEY,
    "name" VARCHAR(255) NOT NULL,
    "wagered_today" VARCHAR(40) NOT NULL,
    "wagered_week" VARCHAR(40) NOT NULL,
    "wagered_month" VARCHAR(40) NOT NULL,
    "wagered_all_time" VARCHAR(40) NOT NULL,
    "first_seen_at" TIMESTAMP NOT NULL,
    "changed_at" TIMESTAMP NOT NULL
) /* A player referred by the affiliate, as last reported by Goated. `uid` is stable; `name` can change. */;
CREATE INDEX IF NOT EXISTS "idx_player_wagered_6240f8" ON "player" ("wagered_today");
CREATE INDEX IF NOT EXISTS "idx_player_wagered_fbd1ef" ON "player" ("wagered_week");
CREATE INDEX IF NOT EXISTS "idx_player_wagered_170c59" ON "player" ("wagered_month");
CREATE INDEX IF NOT EXISTS "idx_player_wagered_76cc41" ON "player" ("wagered_all_time");
CREATE TABLE IF NOT EXISTS "sync_run" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "source" VARCHAR(16) NOT NULL,
    "started_at" TIMESTAMP NOT NULL,
    "finished_at" TIMESTAMP,
    "outcome" VARCHAR(16) NOT NULL /* RUNNING: running\nOK: ok\nFAILED: failed\nREJECTED: rejected\nINTERRUPTED: interrupted */,
    "players_received" INT NOT NULL,
    "players_changed" INT NOT NULL,
    "error" TEXT,
    "duration_ms" INT
) /* One attempt to copy the upstream leaderboard into `player`. */;
CREATE INDEX IF NOT EXISTS "idx_sync_run_outcome_e5bf8d" ON "sync_run" ("outcome");
CREATE TABLE IF NOT EXISTS "telegram_user" (
    "id" BIGINT NOT NULL PRIMARY KEY,
    "username" VARCHAR(64),
    "first_name" VARCHAR(255) NOT NULL,
    "language" VARCHAR(16),
    "telegram_language" VARCHAR(16),
    "role" VARCHAR(8) NOT NULL /* USER: user\nADMIN: admin\nOWNER: owner */,
    "blocked_bot" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "player_id" VARCHAR(64) UNIQUE REFERENCES "player" ("uid") ON DELETE SET NULL
) /* Someone who has talked to the bot. */;
CREATE INDEX IF NOT EXISTS "idx_telegram_us_usernam_25397e" ON "telegram_user" ("username");
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);"""

SQLITE_DOWNGRADE = """
DROP TABLE IF EXISTS "telegram_user";
DROP TABLE IF EXISTS "sync_run";
DROP TABLE IF EXISTS "player";"""

SQL = {
    "postgres": (POSTGRES_UPGRADE, POSTGRES_DOWNGRADE),
    "sqlite": (SQLITE_UPGRADE, SQLITE_DOWNGRADE),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztW21z2jgQ/isaf0pnchlCCOFynyBxU3oEOoRcO206jrAF+CJLriyXMr3895P8gl95sQ"
    "spYfjSJKtdSX52vdpnrf5ULGog7Jx8wHCGmHIJfioEWkj8kho5Bgq07UguBRwOsadqRzpD"
    "hzOocyEdQewgITKQozPT5iYlUrcJfG3A0AgxhgwwnAE+QQCORiY2IRc20AEYOlyo2JRxX+"
    "WGiiHjBDy6pvEITAc43vJ/gUe54UegQwL0CSRjdCI3YlBd7MQk4xdc0yXmNxdpnI6RmFyi"
    "+eWrEJvEQD+QI//8okzhGIkNCCUDzhQxHImmCD0lJRYlfJIUQYw1bgoPfZVT20/ayETYSD"
    "hObFbuxhvQ+Mz2hFcTyN56qhKcoaZT7Fokpm7P+ISSub4AT0rHiCAmQYg5lLgYB54PRf6T"
    "CwFnLpo/shEJDDSCLpZhIa39LUQyRdO6vYF2pw40TcmETGgR82gg0imR4WYS7ngIWPCHhh"
    "EZC9AuQb327K8TAeFryQX/afav3jX7R/XaG7kgFTHrh3I3GKl6Q8/eFJBDfxLPhxHQ3s8C"
    "SIf6m4E6FERYR2/ci4NdPT9fA22htRBub0ziHeGbfFcyQF8j3bQgzsc6Y5sC3fCNT4JJtu"
    "WAypbQXwL2tXrVvm12jqqV47qHtvMNmxzF/VCrLILay0HlkA5ND0CvA7Sf2sshPbc9QL0O"
    "1PMjsxzacfMD4MsAH5nM4ZqDENEgz0FbwCKBzIc7Y5zGOrA+CX95hWfmEsAH7Vv1btC8/S"
    "CntxwBtwdZc6DKkaonnaWkR/XUaTqfBHxsD94B+Sf43OuqHpzU4WPmrRjpDT4rck/Q5VQj"
    "dKpBI45JKA5FCWf7da9RwtNJy4Obd87NklmMnmIlrxQMof40hczQMiO0ShfpJoei4OEIoz"
    "GDluY6Pm9Mxk8rsO8RNKDinz7C0HNCNl4CljoIJrwP5lsRMQEr2bGAiaTBFj1PWFUrBa8F"
    "iTibjGA6aRygcDcjet8lSg6ND4eOl/F4RyhpLNBayeSFYwDkHFk2B5wCndo+qXZtYYmgBT"
    "CCBmJDKjwJxENR8OjT8McsQ//FuVYz74VsOY8stwnPT125VFn6KxVyQXztLlMeyy38UT2t"
    "XdQaZ/VaQ6h425xLLpYksXZ3sIIZO9RleiFuHFnsITs+ra9Bjk/TaT7ixnIoWWo5HMomVY"
    "nTN2l5OH137vRNVtTEdCal/Jwy3YCjd/PQ3As/U5frdFEzUSWu5fm4LZ4fEj9LJnwdM99W"
    "9sycToqoE4j0TzH3Kv37brfdvbkEgf0D6f19CejTA3nbbHfUa7m4iZHxQPrqe/VqICUM/Y"
    "t0LmXi6FH7/fsPnlhEAmLMteVz7URW9ksSR2NIR+Z3VKSyyDNdXWfseodhM3VGFuCAQpbA"
    "N2Z5gDcNr3ibaA4dG6AfC1CdG5RKO6/oQFE/DRJnSZgFjm6bn94kzpNOr3sTqseyxlWn10"
    "qhbbjMY7Wa5RQI5JRVqSDeMeA3Ecbb6lkUZOCJPkQODU/3KRZz8UyLZDUhvxM1ABVEejqh"
    "YAIdwCF+Qobk05JKDynP8u71TDZMr1vm+JcZ9u5/jPaD+s9q9ezsolo5qzfOaxcX543KPL"
    "qzQ8vCvNW+kZGeyCqribgMnqKfqeM2W8rrr/9WQPqrR1GQk1Yv1/NQCtbru3QfAIvSzRV5"
    "twjOcZt9KFK2TWHmx04ZsHOND6ivRp1RXJr8h7YvmEPCkqQI77+/U/uXQFo+kOb1bbt7Ca"
    "BhmUTw/49dOUSnJJi1oDsaa3ijsdAZjbQvhpjqogbSRPGTU7pQgTYk+eGfskw5ZChMt+WR"
    "ueRlaVGr1+skaFGrneY997ctVbwMqTsEWeqpMwTLNbSTlnvY0FbEAxo9gmdBXnwljc8ghS"
    "/te7q2UdLrScuD13fF6znt7mD36S6eVuyacsJoIzXF3t1V/qUeSNo9Wd+EtzEy5Uj+lYzo"
    "Pw68Jr8suoohxAxO5w2OZDiKhxePjPyzTewAdO87HeV5c22lJmKmPlFyGkrByPGyVhKMdF"
    "b1kBbjdLhisVtXLL4j5gRXotZNoTGTPbxksZWWg3ypCiAcqO8huqeVyjqkt1JZzHormQvD"
    "YkWOSE7t9/6u111Q7Ucm6aLP1Dn4D2DT2dp3vN/z8UmCsfzjU/o7U6pkkxO0fvc3kuf/AX"
    "5mFUE="
)
