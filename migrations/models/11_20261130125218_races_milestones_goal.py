from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Written by migrations/make_migration.py: aerich's SQL for each engine we run on.

POSTGRES_UPGRADE = """
CREATE TABLE IF NOT EXISTS "community_goal" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "month" VARCHAR(7) NOT NULL UNIQUE,
    "amount" DECIMAL(24,2) NOT NULL,
    "set_by" BIGINT NOT NULL,
    "set_at" TIMESTAMPTZ NOT NULL,
    "reached_at" TIMESTAMPTZ
);
COMMENT ON TABLE "community_goal" IS 'The community''s wagering goal for a month; `reached_at` is set once, by the update that announces it.';
        CREATE TABLE IF NOT EXISTS "milestone" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "month" VARCHAR(7) NOT NULL,
    "amount" DECIMAL(20,2) NOT NULL,
    "active" BOOL NOT NULL,
    "set_by" BIGINT NOT NULL,
    "set_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "uid_milestone_month_cb0e8f" UNIQUE ("month", "amount")
);
COMMENT ON TABLE "milestone" IS 'An amount wagered in a month (RACE_TIMEZONE) that players are told of reaching, once each.';
        CREATE TABLE IF NOT EXISTS "race_series" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "title" VARCHAR(255) NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "pool" DECIMAL(14,2) NOT NULL,
    "split" JSONB NOT NULL,
    "created_by" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "cancelled_by" BIGINT,
    "cancelled_at" TIMESTAMPTZ
);
COMMENT ON COLUMN "race_series"."kind" IS 'MONTHLY: monthly\\nWEEKLY: weekly\\nCUSTOM: custom';
COMMENT ON TABLE "race_series" IS 'A repeating race (weekly): the race job creates one `custom_race` per occurrence from it.';
        CREATE TABLE IF NOT EXISTS "custom_race" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "title" VARCHAR(255) NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "occurrence" VARCHAR(32) UNIQUE,
    "starts_at" TIMESTAMPTZ NOT NULL,
    "ends_at" TIMESTAMPTZ NOT NULL,
    "pool" DECIMAL(14,2) NOT NULL,
    "split" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "created_by" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "cancelled_by" BIGINT,
    "cancelled_at" TIMESTAMPTZ,
    "finalised_at" TIMESTAMPTZ,
    "data_as_of" TIMESTAMPTZ,
    "stale" BOOL NOT NULL,
    "start_seen_at" TIMESTAMPTZ,
    "start_late" BOOL NOT NULL,
    "end_seen_at" TIMESTAMPTZ,
    "end_late" BOOL NOT NULL,
    "series_id" INT REFERENCES "race_series" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_custom_race_starts__9adecc" ON "custom_race" ("starts_at");
CREATE INDEX IF NOT EXISTS "idx_custom_race_ends_at_23b6b6" ON "custom_race" ("ends_at");
CREATE INDEX IF NOT EXISTS "idx_custom_race_status_2e4c67" ON "custom_race" ("status");
COMMENT ON COLUMN "custom_race"."kind" IS 'MONTHLY: monthly\\nWEEKLY: weekly\\nCUSTOM: custom';
COMMENT ON COLUMN "custom_race"."status" IS 'SCHEDULED: scheduled\\nFINISHED: finished\\nCANCELLED: cancelled';
COMMENT ON TABLE "custom_race" IS 'A race beside the monthly one (a custom window, or one week of a weekly series). Its results are written';
        CREATE TABLE IF NOT EXISTS "custom_race_result" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "rank" INT NOT NULL,
    "player_id" VARCHAR(64) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "wagered" DECIMAL(20,6) NOT NULL,
    "prize" DECIMAL(14,2),
    "joined_late" BOOL NOT NULL,
    "race_id" INT NOT NULL REFERENCES "custom_race" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_custom_race_race_id_9d685a" UNIQUE ("race_id", "rank"),
    CONSTRAINT "uid_custom_race_race_id_332745" UNIQUE ("race_id", "player_id")
);
CREATE INDEX IF NOT EXISTS "idx_custom_race_player__6270dc" ON "custom_race_result" ("player_id");
COMMENT ON TABLE "custom_race_result" IS 'One ranked player of a finished custom or weekly race: what they wagered inside its window.';
        CREATE TABLE IF NOT EXISTS "milestone_code" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(128) NOT NULL,
    "player_id" VARCHAR(64),
    "user_id" BIGINT,
    "claimed_at" TIMESTAMPTZ,
    "milestone_id" INT NOT NULL REFERENCES "milestone" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_milestone_c_milesto_af5533" UNIQUE ("milestone_id", "player_id")
);
COMMENT ON TABLE "milestone_code" IS 'One reward code of a milestone, handed to at most one player; the unique pair gives each player one.';"""

POSTGRES_DOWNGRADE = """
DROP TABLE IF EXISTS "milestone_code";
DROP TABLE IF EXISTS "custom_race_result";
DROP TABLE IF EXISTS "custom_race";
DROP TABLE IF EXISTS "race_series";
DROP TABLE IF EXISTS "milestone";
DROP TABLE IF EXISTS "community_goal";"""

SQLITE_UPGRADE = """
CREATE TABLE IF NOT EXISTS "community_goal" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "month" VARCHAR(7) NOT NULL UNIQUE,
    "amount" VARCHAR(40) NOT NULL,
    "set_by" BIGINT NOT NULL,
    "set_at" TIMESTAMP NOT NULL,
    "reached_at" TIMESTAMP
) /* The community's wagering goal for a month; `reached_at` is set once, by the update that announces it. */;
        CREATE TABLE IF NOT EXISTS "milestone" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "month" VARCHAR(7) NOT NULL,
    "amount" VARCHAR(40) NOT NULL,
    "active" INT NOT NULL,
    "set_by" BIGINT NOT NULL,
    "set_at" TIMESTAMP NOT NULL,
    CONSTRAINT "uid_milestone_month_cb0e8f" UNIQUE ("month", "amount")
) /* An amount wagered in a month (RACE_TIMEZONE) that players are told of reaching, once each. */;
        CREATE TABLE IF NOT EXISTS "race_series" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* MONTHLY: monthly\\nWEEKLY: weekly\\nCUSTOM: custom */,
    "pool" VARCHAR(40) NOT NULL,
    "split" JSON NOT NULL,
    "created_by" BIGINT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "cancelled_by" BIGINT,
    "cancelled_at" TIMESTAMP
) /* A repeating race (weekly): the race job creates one `custom_race` per occurrence from it. */;
        CREATE TABLE IF NOT EXISTS "custom_race" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* MONTHLY: monthly\\nWEEKLY: weekly\\nCUSTOM: custom */,
    "occurrence" VARCHAR(32) UNIQUE,
    "starts_at" TIMESTAMP NOT NULL,
    "ends_at" TIMESTAMP NOT NULL,
    "pool" VARCHAR(40) NOT NULL,
    "split" JSON NOT NULL,
    "status" VARCHAR(16) NOT NULL /* SCHEDULED: scheduled\\nFINISHED: finished\\nCANCELLED: cancelled */,
    "created_by" BIGINT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "cancelled_by" BIGINT,
    "cancelled_at" TIMESTAMP,
    "finalised_at" TIMESTAMP,
    "data_as_of" TIMESTAMP,
    "stale" INT NOT NULL,
    "start_seen_at" TIMESTAMP,
    "start_late" INT NOT NULL,
    "end_seen_at" TIMESTAMP,
    "end_late" INT NOT NULL,
    "series_id" INT REFERENCES "race_series" ("id") ON DELETE CASCADE
) /* A race beside the monthly one (a custom window, or one week of a weekly series). Its results are written */;
CREATE INDEX IF NOT EXISTS "idx_custom_race_starts__9adecc" ON "custom_race" ("starts_at");
CREATE INDEX IF NOT EXISTS "idx_custom_race_ends_at_23b6b6" ON "custom_race" ("ends_at");
CREATE INDEX IF NOT EXISTS "idx_custom_race_status_2e4c67" ON "custom_race" ("status");
        CREATE TABLE IF NOT EXISTS "custom_race_result" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "rank" INT NOT NULL,
    "player_id" VARCHAR(64) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "wagered" VARCHAR(40) NOT NULL,
    "prize" VARCHAR(40),
    "joined_late" INT NOT NULL,
    "race_id" INT NOT NULL REFERENCES "custom_race" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_custom_race_race_id_9d685a" UNIQUE ("race_id", "rank"),
    CONSTRAINT "uid_custom_race_race_id_332745" UNIQUE ("race_id", "player_id")
) /* One ranked player of a finished custom or weekly race: what they wagered inside its window. */;
CREATE INDEX IF NOT EXISTS "idx_custom_race_player__6270dc" ON "custom_race_result" ("player_id");
        CREATE TABLE IF NOT EXISTS "milestone_code" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(128) NOT NULL,
    "player_id" VARCHAR(64),
    "user_id" BIGINT,
    "claimed_at" TIMESTAMP,
    "milestone_id" INT NOT NULL REFERENCES "milestone" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_milestone_c_milesto_af5533" UNIQUE ("milestone_id", "player_id")
) /* One reward code of a milestone, handed to at most one player; the unique pair gives each player one. */;"""

SQLITE_DOWNGRADE = """
DROP TABLE IF EXISTS "milestone_code";
DROP TABLE IF EXISTS "custom_race_result";
DROP TABLE IF EXISTS "custom_race";
DROP TABLE IF EXISTS "race_series";
DROP TABLE IF EXISTS "milestone";
DROP TABLE IF EXISTS "community_goal";"""

SQL = {
    "postgres": (POSTGRES_UPGRADE, POSTGRES_DOWNGRADE),
    "sqlite": (SQLITE_UPGRADE, SQLITE_DOWNGRADE),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXVt327aW/itYemmyliZ13DTNuPNiO0rixpa8bLnpmapLhkjI4jEF6JBUFM05/e+DDV"
    "7EC0gR1I1i8NDUIrEB6cNt3/e/W1NmEtt9dT43La9DPWfZOkP/blE8JfwPyds2auHZbPUO"
    "Hnh4ZIvmGNoNbfYkmo1cz8GGx1+Mse0S/sgkruFYM89iFJr3KEHYnFoU8Wb82RlaTFib/4"
    "O9NmI0+MObEOR62CNoRMbM4STURHjsEQeaEvoKBjOZwUez6NOW+51T619zMvTYE+HtHd77"
    "n3/xxxY1yTfihh9nz8OxRWwzgZ1lQgfi+dBbzsSzK+p9EA3hK4+GBrPnU7pqPFt6E0aj1h"
    "b14OkTocTh3xO695w5AEnnth2AHmLrf9NVE/8rxmhMMsZzG6YDqP0vsHrWGg67vf7wvtMf"
    "DluZqQopYigHjwxGYZr5V3XFr3+Cr/Bfp6/f/PLm3U9v37zjTcTXjJ788rc/9AoYn1DA0+"
    "23/hbvsYf9FgLjFajYy4L6nmPjWVMiR9anSCFrBiSvwj/SOIeoFgEdPjgQ0g7BZo/ay2Dc"
    "Alj7Vzed+/75zS0MN3Xdf9kCtvN+B96ciqfL1NMXb1/Cc8Z3sL+3o07Ql6v+JwQf0f/2uh"
    "2BLnO9J0eMuGrX/98WfCc899iQssUQmzGIwqchjLxlbJINjzlD2f65sJ5yt1Ccav1GqjbB"
    "q4Nsf3vpv09Pf/rpl9OTn96++/nNL7/8/O4k2lTZV0W76+LqI2ywxKyGOy4BPnzPDPSXE+"
    "zkAh9QpGDnP+YYYZ/ib0Ob0Cdvwj++eVeA6O/nd5efzu9evHmX2izd4M2peJUE2MMOv0xU"
    "AF5R7A/gVmsv8J7+/HMJfHmrXIDFuyTC/n2eRfi3+15XjvCKIn1RWIaH/oNsyy1zggSHW1"
    "1WcgGyAEXiNggBfXFz/kca68vr3kX6mIcOLtJHBzBPKrBHBBp1NdSB6Rw/xzgkeDDCxvMC"
    "O+Yw84adsry22VfT02n6Cab4SQAJvxh+XyAXXDA6dy9tbE1bEqkh9rZQahhBu6ERNSwlN4"
    "jmaEYcZPAexR99YpMnB0/R3OWfgJuHpx8ZrBwuCRhsTr0z5C8TNMOW48pFh+11LZEe/vR/"
    "rnjL+2pxfGOPZjZeEsHE/KXFjAOKGat5ULimE0QNZIXevilxVb99k3tTw6vkhSF2GjGH6l"
    "JdknI/0t1+oW+ueOef90rnVpykSbLdhgfYClO4S5Ql5hhRk0Ddg8Cc4b9Sqzs7Dx+4fGE9"
    "0c9kKebiin9xTA2ZyJHgnvjfRzgRf4crLXy6OhkcvIiYmMS25gjw3008/5I9v788f99pZd"
    "b4FoANebmHoLuGYhvb3HJoDykywLLOlRiCNb9WYAjbrZUXzpGgCNh5waW5AZdvUfSjeHkm"
    "7AEe87CNDDxDE8Z/DRoRA3Mg0aNo7T4ixm9k9OSwhcvbO2z+NEE4I0TseLwB5ZNvWvDrOP"
    "HDLdzp6IVPgf4HAc/mf3gJwwkzB4eZLxJMXV9Xh7ArnotmP7iI96+tHTUUQ8IlXlYCCdtr"
    "4aOE8OEQOM1U4F1RNBDgnWhiV2eRwumQJGoSZ7o1dl8Z00PgeXIkYJJvM4tLtxW0EEnKBm"
    "ohjkTrEGJSqHaYWnS44EypM5wyyo+87FwTw5piO+dQylKn59snfxV00yjDxfvO5dXN+fWL"
    "05O2P4V8Yi1fnohsoCcZ7Z5D4LcPR0s1tUSSrknn/55N+SGQFdSrCcoGHmwNVq8aNnMr6t"
    "RjhFuY8+M53uo0xbl3mYLNN2thkZ7BAe2Hz3fExjk+PFJb7pFt9jyV2d+7VXR5XJL0WlI1"
    "l/+qXazk8oZG2KqEiuvJYfMZYg7iRJQSWyh4eCfIctEL/niBhT6oHep+bOx66HG6FIMMp2"
    "Q6Is4jms9ggwsCy3PR2HJ4K9BIgT6IvJSouvYy7oC6E7YgJn8JzrxCO8X/RlO8RLC32mgG"
    "3r7URMS0At9e6P8Hl49Hn+Z8isRb8PyNviAQuv4A4BUM47LFTtx+i7idhunC9sLi5GvMnv"
    "mPV1HphO0bqNB5/baEPud1+hZbqXPgVcpz0fJsJX1kRKD9FstoyyAaQWY7BIA7dD7NGLgS"
    "YK+o94i2f34rYt666dxcdO7OkE89oOfvb666V/f9u/N+jz8WsRsWgO8x/vaOs0t3V5f9zv"
    "szxHkoPk0G/xUDet350D9DNhl7A/r56vIzvH+2jGdipq+pw2wXA9Mh3DGS+4Axm2Caw4bH"
    "yFIzOeJ0u5rK8K7YL+d90etdJ5jui6vUmd99gLXy4nVK7SCRdgE3S+K5vh5tS8b57hLs6M"
    "lRow28VgW4QzKNtwLeIRurcv3GafZ4JxC6nzu4TGRGfmBGJi6Di98VlJVxqkqqypppSQ6j"
    "qfTFvypKqyRlAzWVx662Shxi1lcylAWXFd4ZMSp9ZahcGYDblLguvwKUfUMlxPp4q3q8+W"
    "DKrY4F13eCqtIFXjf0E/d3Ea7h/f1L7v39S/r+FnCZ1hORSVxrUF6RNQ/m7XtOCcgcIvSn"
    "WaiLj5QYmfZESZ8TJrbspZQJyl+/cZrmLd4yWrZ8HVtGwwZrjy9Bl39jycot5ELSpJoVUW"
    "BFBHiULIacVCLCrgc+TquRX4N8XaKDHYZNA7tyG2j0sl1oBU00K2EGDVhWhGmQAsgl1EMe"
    "Ew/mpkWoQV6hK89FDjGsGf/M/8QOQWOLLwKR+EcYCH1iPmVjy5lKAoV3OpL2w6+ZH772ZN"
    "OebHWdkOZ6snnkm2S++/xpjrk5aN8IY37RPHb+6CemMJNGJJrG6173Y9g8nVskxaJNmMdU"
    "BI+IoHlSx06s+yFPoIJxnKYRqzqJ80+nJWD+6TQXZXiVkqAdPPYU83bEabYD8mGZoR1DXH"
    "cvlQzWLc6Ym4CYGuCt+073/VX34xkK6Af08rx72bm+BkcTA36dbYMfynt++50hk1GSlhIO"
    "43cycxhcwq7vYamq+JdRa81/VcY1QrOqHSanAz0jVWdkDK5lk0qyRIpUh0jUzdZcKUTCJG"
    "CYcCwi0wirhEiEqqr3fofLI2TPDhMpkQGuSF8YR7eE3nBoxtuXSi0YqesQGyN+q6OoMz9p"
    "RyzNH5riZ+KiQQt7aMoXMG9ukEELYQS6pBF2eW9zm8jzDO5oHHnSwbgeNUwNk84xmGoWsG"
    "p/aV3jPnWNOpPXwViDuks2El/LWTXR5jYUbWahaJMVdviTvvjoDejFdc/3rx/ZDBzsB/TD"
    "+ZWQg8bYEkLQ/eer21t44D5bsxk8eeh+7va+dCEt6jO/pGk9hCPiOEySRSxfOxARaDVXuS"
    "AWvmAq8NYxMs1X142vTmTvjDgrtQyeKbImXVMb8QIZmUUCdRZn9XSS8b6ODOY8qaSdTieZ"
    "WmN1ynvILxgbDl7Skgg3q5eFQo2RaLZWlvlkeVxAmPKpsGa2RRwIcsboiQ8dhNi5iI/lsK"
    "8E8cMXBGA0n4EDwyPcEguL8kXiPrYRwcYE+R8Rlyk4FZo51v8Rkd8wK9rsZ9gBfQybSpMk"
    "omyOxDZymR8ZHuVbnPMFDWneqTF3HJDE/G/G8dR+GDWUjWARqfBuYfsGms6279W72rES3q"
    "0wNVaCcOOsWHXDvURarNen7dPSabEgk9hIVgBobf6xkbQI0HeB8OmJAsLimlDEN6LR6K5b"
    "v6tbWuGKS1Fp9l+if1JH9SCIHk00BcGmbVHZSVCoiojTNdBhsEnKiDgEmVnOdxRMkTWCPd"
    "y3v6D2idY+0bWdkOb6ROvsns281Sq5rgT6M8kBrOC3EikfowLvR7bbc51WMjKhqBmzIVy3"
    "0FHD6jLt1L0ntb6K1N/RCiyhAx+SqHGJsEC/Cs8PrvCzEZRQGwejqLsz/iGo5zkiHuL8/3"
    "MbgfBv8ifgbYNGyyjUTxYOuIMRpJ48CSPAqoRo4rEuI1oPfbUuI7oXzTXfTsO5Y6uAHCNp"
    "IMQ/n5yUyZtwcpKfOeEko/eru3dUNu5ja85R57e3d73fwbspsFyakJX0t06Yk/SfBDKSpi"
    "+Fwzg4cdHHlWlDispahRTNc3Ha/mET3NjKeo8knY7fqKr2CHFUl4CTlFoErpsIrJVb5bZd"
    "g5VbkXCnJI6kyZqkVNYVwo/zyipw60yI6hu6dSY8B49sMsq6daa3t64Uvl1891UpXKaMzd"
    "fF9ijpM/7PdjWy9WTZ5ApZNR2rd8vkmdaid+01elUvKjtRQqMK1ZYom/P9MxV+s+kkaC6b"
    "EohrDIot/eCKekwuevEjDPLST4zmP1rlRMNemAdNTLlEzbq3YbXrb71UqdrdQLsb1HZCmi"
    "uR6RRsOgXbQRS3O4lN1dnBdHaw7z07GCTgd7xqucGytNqOUZWfCrCsmhdMSq5no+ps6Kxg"
    "zbUrHTQrWKh90UnB2pU0WkU5wWTYltBwVUgJBrRhli7oolyCLjQjoiy6VzYj2G6GkboRhq"
    "q+8C7XjoIH1W5V4cY2ZcPqds7opF/lpkAn/dJJv5T2lU76pdnmzdyxBNukdPPHKJp0Oe0q"
    "1VfIjm3uDhLZeo8M4LLeCrGFVav8Xmw65VB6y48M2y2ZsJJoUCyphE2HT2HbtVJKH/JahX"
    "Q/uGjBvybgjaALNGYO5OSCWrK/okcHUmsJhcUjslx+2/tyRBsCkITAIWpq8z+xF5nbXWR5"
    "WaFlb6Nqc3y9BBblYsab1TGuGbi7LGOMp3zlq2aHWhF9l+mL3iikL+LnjrITyYqmSbzMvg"
    "VtUk1E2KKEULeJaJKIsLreVac4SakFwbrNsoL9ZKcc9tz12PQOikDL2OvV22LeWrSLakmX"
    "yR0AbdGIuJZJBKMqWBl7KbT0LzDye4RMtSZbtBFzxIsFIc+gysfiL97aFcakl2FFYFFHXP"
    "igLhzL80hGU7a3gQcU2HDf1DC2KLYtV+QxiCfQDXhz3u2jr/F8RDak5CXfOHbBNwI5QHPr"
    "teTWPcuzlRLnRgSN8OPbgwL0mf+0qjaEkLbOWLduet3+p+t/nIWH0IB+6XQ+wwP/mBnQy4"
    "f7fu/mLDiW6qH4Z4af2Fut6mqSaismgBrJqzvx+XM8twpzHyfcD3+/T9yPnfFLmNCoWWWG"
    "Y2R6fus8vzPGJAl0ilNmByTfo8rptZLKacbbZMH97b7XzTkXQ4I0tJbhof8gzqEfo9qpAF"
    "aAIrFTMuEU6ciJ1BaADtLhFHX37JC4ooMeZG6TcEWUd0a//NR5/yB8M6I+BvTDVffq/pNw"
    "2Ah8VOVO6vXg1XSEn47wq+uENOmmj7a9+k5LUepwg8pbLUKywmZL0WqFeZ13W6hRrRhZkq"
    "DVM13nmRbaV+wO2Vh1npOUepbrPMtcLJCp0i+4LEwwzVVzSbXpo0CA3gUzFD3Z73xe9HrX"
    "iam8uEoHvj/cXHS4aJCSnqWO+Y43dAmhVTWLcWK9q2q+q/h02Rx79a0VI9T7S2F/EWpW3V"
    "0pUr236ry3YLIq7Kw4md5XKveW8LdQi5ZI0DRIrN5VuISbE5mtHDABDkP3UWfHhXHZiInE"
    "4lKNmYg7+AnXIckxohIOH7lp3YnujlcXuOdw+DRuhS5wK2xLOcINnVX7UuHwDqbPxAxK3v"
    "jOZqGFIfRKY07ofwYjnKEFhHV4E7L0Y0R4Q4sKxzbLcwMXNnlM/A7HkgbGh56BMK5fWid8"
    "oqvq1MObTcxMeVjD5k2yDG0tK3h9KxQdzkFq+zVDxP8VAA7b19kjsE7el8ExLxFji/xXYl"
    "SHcWHZVSHtMiFTJ+23pf1XRLpuRXAjmo2hrSfXvTXnoH8yi5JKEnqKUgvpCkK6YHuVuLMY"
    "heYk1kvoIdO8oXyeDOs5MojLCuixpVWnlAYfAjErL+Qq8b5dJGtGKRJVw65+cP2QpCBuCZ"
    "IGtMO4JbQKWwoypInQhCBFGuZtIYIpDGkSegkEiYtkxVt3OpaOhqqX/KhzF+wqd8ExBYLU"
    "hWk8RnvSUUSC6AmuOMF+daYqASEJQh0Wskby02EhBwkLqZlH5hFNx9GdZNol83uYZe2SuU"
    "utmUL2ly37CmgvAVWNzY1lE9eDUjMSdc3qZbtIVzNNNCtVCFIkn4vZ2sOkj+jF3fllZwh7"
    "HPb+Sz+3o2899FPQeMw2waYvUkBxONt+Qnv4JC/+uLuhpM4AkeQfJNjThv/vWXFzaI29Tj"
    "tZCwYpZkMtL+zxQ9T6qsqlrIj2yKaEJ8ZRcSk6w2cNolp1hs/GyVmVuH8o7L4h7x8xqyXr"
    "utd03g/E/gvQikSAENUSYsDQCNuWcw0m8DsQEPnOulFHbTTBfDJMKNO+Kl9FAib910ypqy"
    "d+9bmCP4+cf2lO3ax9DCqXD+LCkvYProeYEC7YslJC2L6BQsLr03dl0vScvsvP0wPvauEz"
    "XDMN6q59huduDsZFbGyMqEFRZPtOzmJjzmxWSs2SoNRWg7pxs/FZXjE4SpdwmqxJ4uKufE"
    "ETXNKGDqEJLfaRwVzWHzS9xurkFHoDKtVbcZn3mScvdZVpUyxpQOthwB94UftS0oZPFRae"
    "cn2DgGEzl3P8gV2AUXsZGQIWExYaD1620TOZeaJI1RNjJlpYvDlECIqvfz+fTrGzlMsb+x"
    "m22CKxJWmjiJtomMCxFzZCWy8OYb2obxhjo2QSHWe39Tg7BQXrzq/14PLJvdLD9yWuczfW"
    "tESshyASNWeCWpJobD3NObefjMDgFyn/KyqF41+5LsLUTF6qfqSGS/HMnTDfDSUV8LHbAQ"
    "dUZB/gnRM0dthUOCDMnDklZhu5DDlkxhx+5TOKZtj1/M6hOA82oSOXoBc+sj8GLV/Nli91"
    "LEkNdY2HvtSbG0siJIFhtRsnQ/v93TtvFOK7fTeDQASTGO5yT4ksoVaHSBSKlCyGDhkTx8"
    "G2CrwZOo2uBF0TW7bE2yM/jCIi0GEUG4RR+OqOSkpypgMo2vVVktdEIukyzxpbBg7gz0gk"
    "ifeFEglNtywjkBDX5d9LsPUzhz05eIrYgrP+Lufpg/qbC4u2RYOwqKaod29OLQrVNvsrz4"
    "JnLgv4keKDlpAqZsSRySS7HnNA+T8uo4MWwghY2hHmooYzt4nvCOESvmMcJKxYgROEwxZo"
    "RPgg/lvhN41dNHIYNg0uurjIZFowqaFgwudfRSwJmjdOKNmJA8RBTPN1u+YOY5vPr7Oas6"
    "6PoLZqxaW9/TqeM7y0+bmuwkvHSDQ3/V3Vqpv57EBLbQJat53u+6vuxzMU0A/offjEjT3p"
    "i4/egF5c9y4/Q7W6kc2MZ1HV7vxKlK+D/Drw+f7z1e2tqHz3bM1m8OSh+7nb+9I947zQM+"
    "dsM6XVS10cO6tvp8urZaEHzXeP2stgpR2JCBVsiuLgZL6KKwVF0C1GRWg3siZKyL6HTUsi"
    "Gwdv2kVS8WzVpoQ8HDjD+9pIYqLRUkiMeDy2bIsvPCEV2mDL8i1WfpOPDNbkK/Q4t8xHZH"
    "FJVgz/K3qEL/wIFUiRMcH0SeLXv6cx18utf4YGbN7IxEs/J3j4CPKOJ5/4Bp7EI2zbQ7FT"
    "/8qVgedqrgvzbTot1Ehc25bLQr5crFMx7yUVc7BXsrdeCUeRFe33Z7ZTScucOIOqIR2Saq"
    "DLAJ1j7C+FdJ7dX0MthTq6MquhHSfXgBcBPrYct3KVxQxxA2XTYxdWEioIwfdWUkEkKPU0"
    "126aKwXqi8Tj5Jthz10O1xbSdXXCvo53BWRD9uM76CtxIlvy0CH8i7ubpjn7Pdblnd9jU9"
    "ET1/Nw5jA23hC0L9DTLXTUJKyUtEUxV0liE/AWGIKNMR/XHiV9xv9Zj24/6PAh6O8o1Yty"
    "eFX0a5DOOC+Vxuplu1DLJlIil0+hAR4ckEAZ0liINCoIU9+/A40t2yam7/ABGiwbBHnyq+"
    "+n8cR401SOC/6tHPaVkxDqySLZdjyW9gipl0eITouxW6+QaJuoBZSnyZrkHLI1H19xqqjh"
    "GifZSi6Moz8cCiL0o0WYBVi9ZFO8ryNbt2Uj9NObdvMI/dRaz85DyL2pzkIn7O6YlnvZeY"
    "hv8hJzsJG5NSnfSljCjACczxYmBW9FI6xNxpzpmnt+qrOgdBWsB/CegQBGyCiAIZrQZbSN"
    "5tSz7BVrZ1tjz0WWV2Bx3eIAmgmsFxN46HjFEp5le+MCtxyw6G8HFWxXFA3ksXdiXQ4CDh"
    "Wd25NUW0k+VyOfiXcnJXB+d5IL87uMTUhcTCYxlbMopwibJMrs2c89QrJCobUkaQNtNQ12"
    "FwXmqcLGS5DpzI9Vd10Ao/qeSxBqh926GUd1qqi9+F0WKJhW3sYbapdWrs1HBnhZlUZiqd"
    "Up8yOoN4TVy18ZEuVH8La9VvMxWzUsXwhcEPkGK8i/JIphgge4Szzw+w71D6/QHVv4JZ8o"
    "+UocNJ/BwRukaKJkQcBhnC1845ZECbLL4QbUzyNluSLlI+/L80tR2RB47YQ9AenEcj3mLF"
    "+hIFmV0LqAUgaL7iw6IQ70AW1tPiIfhmDHtopT1mvli1a+1EJq3XYCyArVinWdYl2nuM4h"
    "wbqMlS5jVZeJaJbGpSYBnLECtzkc9ar87RqO2lk1LFemCdNnYkY1jsDON7ao5U74Q+hQxF"
    "aKJKacC2Um+HoBo0momVOBabP+pKnOga4lxCMaxFiGT3SlpXowtGJmysMaNm/S3bQ1F6f6"
    "6qWOPxxYh//uOfxXURT7rjP1qkTrCaWUqpwb0mwM7fFYJSrJuYKRUuITYhT6TlvvZRqybx"
    "uaAD4EjOVd0N2RgVzWEBBbXHUzA9zN7XwrgP+yvV5kidqVtwEIGhAlIm/DhcM8oTCfohc/"
    "chlctHipppVHkZ5VbgrY5agDGtgCPPLN04aA70Nu0oaA3ZWN4Nsoi2yfP5UjG7ZvBINfpJ"
    "br/NEvVlFHWrnrXvdj2Dytt9Yqaq2irudEHIlKOtdHqUY66XvOUOTzd8Hb9Qyeu2pYhsMj"
    "M4LBG0JwXegFpKayly993kk8+icbIT8Vqitijh+NOeeMpkN4+Qj57REzjLnjEEh3L8puya"
    "NcdjiSZrTqxWh5lmcr6fsigkbwA3tQ+OUnZF+ftnr/ydlb/l5vqeHduul1+5+u/3HmC2D2"
    "ckC/dDqf4YHf34BePtz3ezdnyD8o0odOmdnZfsJp7ROjfWIa5hMTZkJXFTqSdFrwqCx46C"
    "T2VfbCUQggiWmG+xpSAKnvtBSlDkaqvNUiJCtsthStDkmq225TEPeTBrQNE+ddCga1pOms"
    "nnO+Yd48VYUI+WqRxSXvpyVTiKzetgsVIqLd0AgbllKIAAkCElELB1KuiVRrYIESZcTBxr"
    "T0P4tS5rOlqG7gTthC6DKAbYf8In4pc8uDsJMpNqXFFnY8mlaM1EsxYkywp1zCLkakWejK"
    "93pQ5lMZ/SSdnoDKExCk7VV09UkQNQn9nXn7rHIZb+jw0+wMye20309ipdXJ9ed+SY27uT"
    "T3WfiqkAlyeaOhMy+Z7wzCCrDnkelMMCOC4QA+Yz7jlARPkU04d+GMGLAsHE6GHn136Ed5"
    "iMIGfWnupV7ci8vmjsyVMN+us6JooGFn+6YDfiI71dR8SUqt5qud4iFZ/MX3pK1U+iVBqh"
    "VMdZ5nNvcMlhf4st5OGyPfX31hzifQCvWF7x66XVFNOKAf0N7nM8Ses3WD7zq/dS778MQh"
    "/ySGB8/41dO5u3u4FY/5SiCOM595fmTK4U9lnyVxhw4xiPVVFmWTy1nISPcnxOwqvGY3MX"
    "juMKh2VAHfGKWGN5PU0HGYJAdUvnNuRLCVnJ01vlB24Zxrzh2/TNFUYjLIXcgpqgaZ77a2"
    "jIUTEETcEwnXdMEYlyVpgRv/ijIF7ihwvtnFERE92e/Cvuj1rhML++IqvXIfbi46/B5Med"
    "7kaJcOo/dIlEOSKD/S5ZLyNSCZSk3r1SD3nPMCQ8xiwtAEkihgGzIteEwoMEZM4uJajmTL"
    "So0i1fU2laZ1UGzsRWGdr/6AxaMayB6n2dFt2qQ8AX5lU1WQk1R7dGtVlJLq5EBsc4Z5jm"
    "WVZ/JxjtM0gTXcteAYXTtVwJYSa9TXo+6wvNiD9SqXkHaPZ0jIkqhoWx7uO3dnCCgH9Pz9"
    "zVX3zHcQGdDely68Ygsa9Kpa1aDEbOSXZ8sUZxvZzHgGp0SmyrOnKDXPvoZnT6COKZWpUY"
    "oBj4g01gpYU+ZZ4+WQfSWOh5+JpBBNIeoy8j3iH/KOxw7/DFvmcGbn+GmWmIBUB3oKlKdg"
    "bFFsD00sc1wvMQEJcg2/MvxRacSKGyBJryeg/ATo2Jx83rJZ+Wvjsx7kGKow60lKPet1mX"
    "WJST/49gfPFlrjMng7KmFTJixnxOjcHRo2tmSmNpXonAvo6RI6OsLtlhueI6+SDrV7rY3D"
    "mVTLHB8laF9jDtDDwD94Q+Ca7VOdQE9klx3OHMbGG4L2BXq6hY6ahFXWdLq+bpdiNfLSVb"
    "tqdcGU9djPL9nFvwHqPlxfb7MO+UPgs95noKaRmKOTDdpF9ujQ/33oRW3XGqT7E4I+MphC"
    "NCLYIQ4SxJAcU2h7/fBBUSP8R/GmjQg1nCX40ZXNkJnWGO9lUJGKEx75XVsUFNu/Bmk2w6"
    "SbhjWbEAeyBqIpF2VdNGhxVoL3bQ5a6AVlPvFLHTZQw7CB1dxlwc13QktSNcHwtW9PNPJt"
    "ZnHRp1It4zildjKvj0SaVUToZKA6GWhdJuLY91VNHB9lQqKE4cyRJfPZTpk8W475PEehs6"
    "XwOoBEFKAtAd9GHDKI2DDYnHpttMCWSPMJ6dZf8P8gQ4UJHOTy5ap+a4bV3M0QmhesGS8I"
    "c0pMZRe/NF0Dw0l34ubnetibS9Qv5dyhVtT7C0CbEWpWCEC77XTfiwC0gH5Az29v73q/Q0"
    "QZPxEd9jUv+OzyvHvZuRYxalH+rvTpdBhPNsZ/y5AfcZHbenkOL0O6lYiSOhxNOvNibY6v"
    "47TzlbHuBvxEhVlPUmrRuW4svmyWVcXnJF2DYvX2nhEKu0ziMZnPBq4omqAQ3AP/R77ylc"
    "qZGt6nLc99lg+2jFbDXgr2+laVPSDS2w8XA+ZWOaFfjEhrP5XO7ox6LDkT2WlQTjmXDuk9"
    "sqkoa7mOLUF5ornsWbIFcEt7AxwrrPkOASUy+MUzgDvmhh4ryfzEDYF7p/meYz4+ElV30g"
    "MoX8Md8zkqq9j2Fw0SGiI3o2pGvm+C5bhotERT/AxaZyj7GdTORmPrac5FEvQE3gq8CaaI"
    "fONDIjwFepmee8cjDuiAgt/GCLvEtigJOgz7/8GNelhMCBWvBGAIdEbgttHngilkmp4GRb"
    "aCFubc8IRWnhnPWrdeQ926P/8ShUVR6aEV0fdYfOidQu0hoVI1CJW5gBbrYSOixihht5bU"
    "R6u4D6+GCS+KIbbtYaiVVDhCpPSHOU12lZKtxFFyetJ+W/osiSDLKUldDu+88tQa7JSjDj"
    "8oKq7tDO3GUNdMGbYTsKus6iShhrkYZmNCjGcVRmRFoBNkZjz5js5JAniflhq6rd5tp3sm"
    "hLwBvb7qfgaHB36NPIMPxM3V/c15//LTGZpa7hR7xmRAO3/cXt1BI98bmLe67t33OQ1zvQ"
    "G95B+EywT/WBd/CW2rr3L+HJ3ZtkZ+7Xqad1gMU5wsVTZznFB7YNR5jrWdVNtJ9waytpPW"
    "ZSq0nfR47aQ7NwLeUzxzJ0wa8pJs0F5vCnTjbUtbA2M2MuyKeqxQQw25WJRcnbbRwrE8j0"
    "DNVXsZmdGWKChDwVEPbGLCduZAGPST9ZX4tVxzLYI7HXVAo0EEMnwML6gtC6PwzieWMQFb"
    "4WLC30DJYyRyslmusHUjcPZ1S9r9/kwuMc6J8QZ/iv8rmQS3kdz8SKyCB85trhmxvTBiYS"
    "lGtSKoKaomcWNb0+Gpi4laCXAEAmLg9MIvG2lm0UKLQoZWm8mKTAohXAtCnisiHZJqoMsA"
    "XcVKlqHVUJeBuqL1V0auAU8DXpOsCefE4RJMSyI1Bm/aReIiXrVZJybmg6s9IuvlEcnFW9"
    "dSizCLkTRQotlJsBNsKgWEg+YNRPf1yUkZk/bJSb5N+yTr6cFveiJz6/3tvtfNMYCtSNK3"
    "lWV46D/Ito457agMXAAjIdNkEqilc6W1k8IKdHBx6Mvs7/8HlPeG6w=="
)
