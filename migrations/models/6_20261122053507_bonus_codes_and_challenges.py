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
    "claimed_at" TIMESTAMPTZ NOT NULL,
    "bonus_id" INT NOT NULL REFERENCES "bonus_code" ("id") ON DELETE CASCADE,
    "user_id" BIGINT NOT NULL REFERENCES "telegram_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_bonus_claim_bonus_i_282790" UNIQUE ("bonus_id", "user_id")
);
COMMENT ON TABLE "bonus_claim" IS 'One claim per player per code: a unique pair.';
        CREATE TABLE IF NOT EXISTS "challenge_entry" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "bet_url" VARCHAR(500) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "reason" VARCHAR(64),
    "decided_by" BIGINT,
    "decided_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "challenge_id" INT NOT NULL REFERENCES "challenge" ("id") ON DELETE CASCADE,
    "user_id" BIGINT NOT NULL REFERENCES "telegram_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_challenge_e_challen_a4e6d4" UNIQUE ("challenge_id", "user_id")
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
    "claimed_at" TIMESTAMP NOT NULL,
    "bonus_id" INT NOT NULL REFERENCES "bonus_code" ("id") ON DELETE CASCADE,
    "user_id" BIGINT NOT NULL REFERENCES "telegram_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_bonus_claim_bonus_i_282790" UNIQUE ("bonus_id", "user_id")
) /* One claim per player per code: a unique pair. */;
        CREATE TABLE IF NOT EXISTS "challenge_entry" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "bet_url" VARCHAR(500) NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: pending\\nAPPROVED: approved\\nREJECTED: rejected */,
    "reason" VARCHAR(64),
    "decided_by" BIGINT,
    "decided_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "challenge_id" INT NOT NULL REFERENCES "challenge" ("id") ON DELETE CASCADE,
    "user_id" BIGINT NOT NULL REFERENCES "telegram_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_challenge_e_challen_a4e6d4" UNIQUE ("challenge_id", "user_id")
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
    "eJztXVt327aW/itYekm6libjODePOy++KKkbR/Kynbbr1F00TEIWjylAh6Si6JzJfx9s8E"
    "6CFEHrQrF4aGqB2KT0AQT2/rAv/+lNmUUc79XJ3LL9AfXdZe8Y/adH8ZTwPyRX+6iHZ7Pk"
    "GjT4+MER3TH0Mxz2KLo9eL6LTZ9fGGPHI7zJIp7p2jPfZhS6jyhB2JraFPFuvO0YLSasz/"
    "/Bfh8xGv7hTwjyfOwT9EDGzOUi1EJ47BMXuhL6Ch5mMZM/zaaPa77vnNr/mhPDZ4+E93f5"
    "3f/8izfb1CLfiRd9nD0ZY5s4VgY724IbiHbDX85E2wX1P4qO8JUfDJM58ylNOs+W/oTRuL"
    "dNfWh9JJS4/HvC7X13DkDSueOEoEfYBt806RJ8xZSMRcZ47sBwgHTwBZK2nmEMR7fGzeDW"
    "MHqFoYokUiiHTSajMMz8q3ri1z/CV/ivw9dvP7w9evP+7RHvIr5m3PLhR/DoBJhAUMAzvO"
    "39ENexj4MeAuMEVOwXQT3n2Pj2lMiRDSRyyFqhyKvojzzOEapVQEcNO0LaJdgaUWcZPrcC"
    "1tuLL4Ob25MvV/C4qef9yxGwndwO4MqhaF3mWl++/wnaGX+Dg3c7vgn6/eL2FwQf0T9Gw4"
    "FAl3n+oyuemPS7/UcPvhOe+8ygbGFgKwVR1BrByHumBtn0mWvI3p9T+7H0FUpLrX6Rmg1w"
    "spBt7136n8PDN28+HB68eX/07u2HD++ODuKXqnip6u06vfgEL1hmVKM3LgM+fM8C9GcT7J"
    "YCH0rkYOc/Zh9hn+LvhkPooz/hH98eVSD628n12S8n1y/fHuVelmF45VBcygLsY5dvJioA"
    "JxLbA7jX2wq8h+/e1cCX9yoFWFzLIhzs50WEf70ZDeUIJxL5jcI2ffR/yLG9OitIuLi1ZS"
    "ZXIAtQZHaDCNCXX07+yGN9djk6zS/zcIPT/NIBypMK7LGARl0NdVA6x08pDQkaHrD5tMCu"
    "ZRSusENW1rd4aXo4zbdgih8FkPCL4feFdsEpo3PvzMH2tCexGlJXK62GB+hnmHHHWnaD6I"
    "5mxEUzBy/hf/w/k9/8GGEUTAU0w7Yrtw6UpCU2wJ/BlxZXPd70lzYKdmgUiNEklqFuHGQl"
    "t2MkbFeZ6a6VECwbSi9UWqRLJsIz36wEU1jMlA2vlFCXQN2C3VXYxnOzuzgOH7maaj/Sz2"
    "QpxuKCf3FMTZnmmtmE+d97OBA/opkWtSYrg4sX8e6aea05Avx3Ez8wqU5uzk7OB73CHF8D"
    "sLf8KY8unn4Nb9dRbFMvtxzaXWqeMK1LFc9wzq/UO6N+K9XOEyQkhJ4Y6o1eqEnaFP23uH"
    "gsaGWf+dhBJp6hCeO/Bj0QE3Mg0b3o7d0jxndk9Oiyhcf7u2z+OEG4oKhu+Hl3lA++ZcOv"
    "48Jfr2BPRy8DCfS/CMz04MNP8DjBlnOY+STB1AsoH4Q90S66vfAQv78mzduoH4dTvC7fFP"
    "XvIJ33/m0Nuun921K2CS5lVSaXwGqmAm8i0UGAN0LoJWuRwuqQFeqSZro2dV8Z013gebAn"
    "YJLvM5tbtw1YiKxkB1mIPWEdIkwqaYepTY0FV0pdY8ooX/KKY01Me4qdkkWpKJ0f70D8VX"
    "ibTvHf54Oziy8nly8PD/rBEPKBtQN7Ij5KO8gv/qZL4LcbD0s1WiIr16X1f8snwhGQDejV"
    "jGQHF7YO06umw7yGnHpKcA1jvj/LW5uGuHQvUzg6LJ6wSNfgUPbj52vi4BJXEOmR4J697G"
    "WU2Y+NEl0uw5aJPb8nI7rii/1KoivTrQbPNSWex78OwjT0o/QI9ZHPRMPcsgk1ySt04XvI"
    "5VrKjH/mf2KXoLHNx0V4TwpiKBDmgI1td+oVj2I3+iTNQrWMhdJ6nNbj2jog3dXjfPJdMt"
    "63vLXE2TDs3wlusmocB3/cZoaw4IsVD+PlaPgp6p530Mq+YrMJ85kKFxwLNIK7ZarxFpjg"
    "SCdQwTgt04lZncX5zWENmN8clqIMl7IgWy4e+1I3kHKQ0zLrAXm3ytCGIYbAI5l/BwA8oP"
    "NpwQkhA3Yivan5XMC6xxVzCxBTA7x3MxieXww/HaNQ/o6enQzPBpeXg/NjZMKvcxxi3dFz"
    "vvsdI4tRkrcS6gzQ6/c1Buh1fhdOBggu5VZyl8Em7BnmBMvfhSqdVSbdSHNt2wq/E8U1Rj"
    "O0FpsPR/YGekSajsjYprY3aWRL5EQ1QdgJgtAijv2NuDaR7GlKBGFEVZ0HN1zuoXq2W54w"
    "Bq6KL0yjW4M3NKx0/1rxGTFdh9gY8V0dxTcLXNZSQRZoip+Ih+562EdTPoF5d5Pc9RBGwC"
    "U9YI/fbe4QeSTHhp4jj/lI86iRY2Q+9CPXLVTV/tJc4za5Ru3HvjPVoO2WjSTUddbMtLmK"
    "TJtZZNoUjR3ecis++nf09HJ09hnMngeHmU9g9Hw8uRB20Bjbwgi6+XxxdQUN3pM9m0HL1+"
    "Hn4ej34TFfx574Jk3bYRwR12USH/pydiAW0DRXLZoLJkwD3TolpvXqtunVmdi1WLNSi1/L"
    "iXVpm3qWLlAVSJXWxp4bTJW+157BXDuYKjfH2hT1wzcYBxZe0pMYN8nFSqPGzHRbacv8Yv"
    "vcQJjyobBnjk1cyB+F0SN/9HHgdOAh/iyXfSOIL75gAKP5DBwY7mGXWNiUTxLvvo8INico"
    "+Ii4TcGl0My1/01EdE/RtNnOY+/ofdRVGiKEihFCfeSxIOgnjjaa8wkN0fPUnLsuWGLBN+"
    "N4aj+MFtpGMIlUdLeofwePztYfDZS8sRLdrdIxPCP4bJ/wtuFewyn89WH/sLZTOPjRP8iy"
    "KK30vn+QZlL6WyB8eKCAsNgmFPGNZTS6q+ZvsksrbHE5Ka3+S/gndVR3gui+RLVZBFuOTW"
    "UrQSUVkZbroMNgl8iINASFUS53FMyJdUI93La/oPaJ1j7RrR2Q7vpE69i2bu5qjVxXQv5M"
    "sgAr+K3E5GOcJX/P3vZSp5WCTSgyJj0Triu4Uceykm3UvSc3v6ro7xp1GmIO3CBx5xphgU"
    "EOqhee8LMRkpAZCqP4dpA99RODoUQPxEdc/3/qIzD+Ld4C3jboYRmH+snCATfwBKknT+YQ"
    "QGdw3TknzcfSmLuOCi2dEumE6ZFlpt8dHNSgpnmvUm5aXNsv15xi0MHaPHNOrq6uR7+Ba0"
    "14bGbd0evBr4OzW2hzyT+JCd+8wUit37uG692eWgWGRKJ7/jXrP6MJtwtlozsrp4MHmtrc"
    "EY7q5ldWUttfbbO/NLNS77XrMLMSWxZKenJerEuMpk7Ovp9bVoVPYcZ8fKZPYcZtbc8Go6"
    "5PYf711kna14vvtpK0y5jAciJwRMkt4/+slw5sp8omZwMVCL6PYVjsNTZJT0LvZa73q8i9"
    "OMDWjbrWoPag7wsPcVnscHPY4xghj/h9tHBt3ydUcGuZiDqRvzQMqcO8L7iKBvK2J4ZbRL"
    "XISL6NPkt7m7aL2StJklvOZZTlxd3/LCJVQEZExodSHuODhM1z/SbppjOCHTSv9sScqmVF"
    "E2o1yiieiOkBbvUAB4rUjDHJ4cdqX9tY8O/ocPv6rYLDrTfjfYoQl9cmjQWeVZt0j2DdSE"
    "nYUElrmikmI6tXslavZEIFxJ7Bxsq0fkZS0/ptHmWuPDoym5/vQwTTUoXTkZE0D+HmtYmX"
    "Nm7Z7niejkaXmaE8vci7AX/9cjq4fvk6t3OVcI51HNgCE/qZHlnAK1yLG+3vMrpdl6wh8+"
    "2xbeLwyxYYm8z1fhVjQ/M9FVK0A0si0tvhKWIL4iGPTQl4T73EEPfbFx3CGYLGzA2jh396"
    "hW4TfuWJLOPkSMKJahbQpSXJ2jf2zDvK//EYLSZl+jkoQEiCUOOgRqGIbXbZAj0Q/hASJV"
    "3pQ1nCOIrdQxbTxFALiSE+/iq0UNi9c6TQ68OjOv5Dh0flDkRwTZ8UtsS55Yn/WqV5Hfbv"
    "oA/j+rMmz/DS4eu6ihmfEtGG/DMM+b+x7+jfJaub9tgqh767Hls61ZzS4tqm4V1HHNwmLe"
    "QrEc3Tk9jG4ZV+lVU8S/rUjk3iVueYuC5EBy2DumDjse3YfOIJq9DhBiHvMmOuH3QJQole"
    "ofu5bd0jm1uy4vE/o3v4wvdQoABij+ijJEXXlp652m79sycqyvL112cWXvb45aRpQchTti"
    "U4YM80YccxxJtanqZ4rlYOZN7RSiDrikYot4upYnquqH8HDYiNpFbNvivFXa/qzLUgu5tj"
    "103ljqmX5Kh+5ebMGtQM6UhUA10H6CYVyQuyGuo6UMdbZjO00+Ia8CrAx7br+YZHCG3kQp"
    "AT7qBtuu/GSi58iOu9jSiIjKQe5tYNc7OjbWwSg3w3nbnH4VrDEfcgutf+zoDqFC1QhCk6"
    "SzZcwr+491zXgN9St7wO7tgl9BpGwPhhaJEhD1VSD4JRjFVqJ2X27DiYJBRIRhul44QqmK"
    "NMcNJq9gi8EsCRFkpIieRGSTn6sQ3lKQMnhiQLzc+B78Ej412hVn1cT4rE6SWC7DVF1mjD"
    "z9JeDu3ycpBHyJWzOVH/DrI5G/F00PHmm4s3F6uKGq5pkbUkSNn7xUFHkW85ilzlqCs314"
    "vjEGlvqqNQNwtkq6Z73XFIv+Q1xuBZR4hZm02iEhaMunK1MGtMKh4sOmTMla65KDOKoxBm"
    "mA/gEeL10cL2oWBOkImrj+bUt51EtXPsse8h2684RVzjA7QS2C4lcNcx0DW8pbamBa45CH"
    "rrufLatnlu4cSUL5D2N2IoOmxnpdaSl7BFfgBHddJzHpVn5zwqnHOIjalJWsKcYJdMmS37"
    "bsdINgi4z4p28Pyhwy6QoDw1ePEyYjodaNO3LoRR/Z3LCGon1LYd+GUCN4SNI+WSyjWIjF"
    "AHlbX1+BJWEEyJB+0z2aXEXXfPAK9LaWSmWpsqHgO9IU69gpkhIT/Cq/2VzMcs6Vg/IVxQ"
    "LFgcWGFqIZEUBbyaPeJnKi2gaygcjF2CKPlGXDSfwcJrBVncKFkQcIJmi+BwS0KCbPJxdz"
    "TIH2cDQSLu5YswYeZAMLEb3QlEJ7bnM3f5Cp2EOeeAdQFSBovb2XRCXLgH9HX4E/ljCHbD"
    "As11/bU1+aLJl93sOGsmX5pkrdL5qnS+qjaHuRJf2Q5MZDT30tgKBBCbRCGuMQixdQPRLc"
    "alJUGJqURHJRp1kgZphUbtJh1XatQjSriSS5+IFR34iXO+KFmzUIBFvCBXGpeIa6HMAl8v"
    "UDQJtYrnhmu4n7QyWpQ0Gu4dBAlGLYmNpGul7VKhFSNTH9aoe5f2prW5OLWXl9r/EFcd0r"
    "rlkFZFUywlpSPQqkwxQUqp2rmRzLOh3Z9TiUZ2rlCklPSElITe01Z7mUbq2zOPAPL1R/YM"
    "5LoHAanJ1apjAPLNJoszfp+ezGhJrvYrjRbRzzCjjnWOAYQIAhGR7wpCUEToCdDwfeQxBP"
    "z7Mvj8wkMmmy1FBhNvwhbC2oAVD/wtg+rMtg80/BRb0oQqG36apubbZcmYE+wrp6lMCXVp"
    "+d8y3Ram8lVGPyunB6DxAIShuYqqT0aoS+hvTPtJ4pWfqQB1Owq6oAdlZlqbVKGbJTWv59"
    "JYkOhSpRLk8U6GO68Z/wE0K/Z9Mp0JZUQoHKIw3YxLEjxFDuHahfvAQGXhcDJ0H9BD93LK"
    "9hn30tpLu7QXj81dmWlVzmslEh1kttafj1bUqWvkGZqV7ODR4J4cBdbyDY3rlTaqEJUW1T"
    "7AbR5nNvdNVnYQsDqFeEp8eznEuZ5AG+QQv/46HIqM4aH8HR19PkbsqZgb/Hrw6+DsFlpc"
    "8k9i+tDGt57B9fXXK9HMZwJx3fnMD5j63a/KgUriGS4xif1NdupQqlnIRLdnxGzquGEzZ5"
    "KeEWY0a4BvSlLDWwjycl0m8Ym/Jd/L4usigbXEMLZ4Qxn8cZvZSwr+dPF+cjkafoq6553s"
    "smhbczdIRTaVJCErncg5qQ7FVq1tGgsvZfBAIhKtqbIaX05S1+RbX02+TfIemfRwEvIjnz"
    "6unAEpZK5bTYPchAXeFhOGJuBUhh3wPPOZIDAemCSxRT2RNZMaVdT1OknTNhAbWyGsy+kP"
    "mDyqjj1pmQ3tpl3ymwqyF6uCnJXaHtPUU7SS2uRB5XCFeY5lmbjKcU7LdEE13LThGG87Tc"
    "CWCmvUV6Puck2wKeUSyW5xDYlUEhW25evN4PoYgeQdPTn/cjE8DhxE7ujo9yFcYgtarGdb"
    "ZzjqJKwsT1dZSFYZVogzuPKjqLPnJLXOvkJnz6COKZXRKNWAx0IaawWsRSXrpcG+EdfHT0"
    "SSmKsSdZn4FvGPdMd9h3+GbcuYOdgksszvNQYgdwM9BMpDMLYpdgxphak6A5AR1/Arwx+n"
    "im34AmTl9QDUHwBdRLZct+xWPG+m4HyQf6XBqGcl9ai3ZdQlR/qFWjM7ip5scVrQDaX0Kj"
    "9xSJk5jM49w3SwLTtqU6n3cwp3OoMb7eHrVubgmt2k4kzykMvclmoJCoApp33fS9B0ZSlV"
    "9IrHgatz8ylWHKidma9Vi2ZdL/TytHz8G6Dh18vLddYakM1GyUFryaQtP2+VvThCokb8XX"
    "SqK+hNiHiDZVnUgQrriCNsmmxO/T5aYBvy2omcdy/5fxAKZ4mS4z8lifPyLOiGHqF91dvl"
    "qy7GlGvZqmeJebkO+q1v5DyRL9v+XLI51jt3SaS35+k6I6LQiOrZy9VgeC48XUP5O3pydX"
    "U9+g1cV6PydHIv17OT4dngUjjDmoAC1L5rckaz/iMzxn+LwZe4ssqOFT4mBdHOFMHacnik"
    "ppHKB2Q/CYU6NFKoTzQY9aykDgRpD2tUPsqqeTazch1yCt566PmWaya1DfXN63/tzSu3Q6"
    "TX7yAJWpZyCouUUJcyKGxhEanIsyBXlZWTLCjWQG/bUNTltVJTUJ5aobiWrAFcXcWjKmdF"
    "yvbg155JbGczcnUEbgmfvT7y9XfIRnlD8cybMCntmu3QryJcRWZLw0v3rV3o9YWHxvbjnK"
    "u7kDwZAlggYQjysMgvNu2jhWv7PoEEY84SLSb8L5FhOYy55EiFnKcIcxHFRR7tbyRIXCZh"
    "X7fw1DsaP0Qg40Ei6CCRGjyF33xim6I8ymLCr0AKPCQckGxPTHOoOWt5NXndP7NvIbfH/o"
    "Ik0vD/rUfy7Anru+NAHq2rbkVXjfIOqWX8ykl1SWFdWyisOlvUWW6wSzRRmJ+abzZSN9o6"
    "ua0TWZ3huioJcwTXghBJaYFaSEeiGug6QJcUJauFdFl9Mg21FGrsOEa0mjdAOy2uAc8D3p"
    "LcCCfE5RZMT2I1hlf6VeYiTvqsMhPLwdUeL+3yeOHmrWernXKkRDpo0WzknANeKgWEw+4d"
    "RPf1wUEdN5SDg3I/lIPCFsaf6BOqVAUyJaLrQCrWgdzpZvbj/wH+p9fV"
)
