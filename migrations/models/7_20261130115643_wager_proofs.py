from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Written by migrations/make_migration.py: aerich's SQL for each engine we run on.

POSTGRES_UPGRADE = """
CREATE TABLE IF NOT EXISTS "wager_proof" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "amount" DECIMAL(8,2) NOT NULL,
    "open_cents" INT UNIQUE,
    "open_for_user" BIGINT UNIQUE,
    "baseline_all_time" DECIMAL(20,6) NOT NULL,
    "baseline_month" DECIMAL(20,6) NOT NULL,
    "seen_all_time" DECIMAL(20,6),
    "seen_month" DECIMAL(20,6),
    "checks" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "closed_at" TIMESTAMPTZ,
    "player_id" VARCHAR(64) NOT NULL REFERENCES "player" ("uid") ON DELETE CASCADE,
    "user_id" BIGINT NOT NULL REFERENCES "telegram_user" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_wager_proof_status_753bb2" ON "wager_proof" ("status");
COMMENT ON COLUMN "wager_proof"."status" IS 'OPEN: open\\nLINKED: linked\\nMISMATCH: mismatch\\nEXPIRED: expired\\nLOST: lost\\nCLOSED: closed';
COMMENT ON TABLE "wager_proof" IS 'A player proves a Goated account is theirs by making its wagered figures grow by an exact amount.';
        ALTER TABLE "verification_request" ADD "evidence_file_id" VARCHAR(255);"""

POSTGRES_DOWNGRADE = """
ALTER TABLE "verification_request" DROP COLUMN "evidence_file_id";
DROP TABLE IF EXISTS "wager_proof";"""

SQLITE_UPGRADE = """
CREATE TABLE IF NOT EXISTS "wager_proof" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "amount" VARCHAR(40) NOT NULL,
    "open_cents" INT UNIQUE,
    "open_for_user" BIGINT UNIQUE,
    "baseline_all_time" VARCHAR(40) NOT NULL,
    "baseline_month" VARCHAR(40) NOT NULL,
    "seen_all_time" VARCHAR(40),
    "seen_month" VARCHAR(40),
    "checks" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* OPEN: open\\nLINKED: linked\\nMISMATCH: mismatch\\nEXPIRED: expired\\nLOST: lost\\nCLOSED: closed */,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "closed_at" TIMESTAMP,
    "player_id" VARCHAR(64) NOT NULL REFERENCES "player" ("uid") ON DELETE CASCADE,
    "user_id" BIGINT NOT NULL REFERENCES "telegram_user" ("id") ON DELETE CASCADE
) /* A player proves a Goated account is theirs by making its wagered figures grow by an exact amount. */;
CREATE INDEX IF NOT EXISTS "idx_wager_proof_status_753bb2" ON "wager_proof" ("status");
        ALTER TABLE "verification_request" ADD "evidence_file_id" VARCHAR(255);"""

SQLITE_DOWNGRADE = """
ALTER TABLE "verification_request" DROP COLUMN "evidence_file_id";
DROP TABLE IF EXISTS "wager_proof";"""

SQL = {
    "postgres": (POSTGRES_UPGRADE, POSTGRES_DOWNGRADE),
    "sqlite": (SQLITE_UPGRADE, SQLITE_DOWNGRADE),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXVt327aW/itYemm6libjODePOy+2o6ZuHMnLVtquU3XRMAlZPKYAHZKKojmn/32wwT"
    "sJ0gR1McXgoalFYoPSBxDY+9sX/Ls3ZxZxvJdnS8v2B9R3171T9O8exXPC/5Dc7aMeXiyS"
    "e3DBx/eOaI6hneGwB9Hs3vNdbPr8xhQ7HuGXLOKZrr3wbUah+YgShK25TRFvxq+dotWM9f"
    "k/2O8jRsM//BlBno99gu7JlLlchFoIT33iQlNCX8LDLGbyp9n0Ycv9Lqn9ryUxfPZAeHuX"
    "9/7nX/yyTS3yjXjRx8WjMbWJY2Wwsy3oQFw3/PVCXLuk/s+iIXzle8NkznJOk8aLtT9jNG"
    "5tUx+uPhBKXP49oXvfXQKQdOk4IegRtsE3TZoEXzElY5EpXjowHCAdfIHkWs8whqOxcTsY"
    "G0avMFSRRArl8JLJKAwz/6qe+PUP8BX+6/jVm/dvTl6/e3PCm4ivGV95/3fw6ASYQFDAMx"
    "z3/hb3sY+DFgLjBFTsF0H9wLHx7TmRIxtI5JC1QpGX0R95nCNUq4COLjwT0i7B1og66/C5"
    "FbCOLz8Pbsdnn6/hcXPP+5cjYDsbD+DOsbi6zl198e5HuM74Gxy823En6PfL8S8IPqJ/jI"
    "YDgS7z/AdXPDFpN/5HD74TXvrMoGxlYCsFUXQ1gpG3TA2y6TPXkL0/5/ZD6SuUlnr6RWo2"
    "wMlCtr936X+Oj1+/fn989Prdyds379+/PTmKX6riraq36/zyI7xgmVGN3rgM+PA9C9BfzL"
    "BbCnwokYOd/5hDhH2OvxkOoQ/+jH98c1KB6G9nNxe/nN28eHOSe1mG4Z1jcSsLsI9dvpmo"
    "AJxI7A/gXm8v8B6/fVsDX96qFGBxL4twsJ8XEf71djSUI5xI5DcK2/TRf5Bje3VWkHBxa8"
    "tMrkAWoMjsBhGgLz6f/ZHH+uJqdJ5f5qGD8/zSAcqTCuyxgEZdDXVQOqePKQ0JLtxj83GF"
    "Xcso3GHHrKxt8db8eJ6/gil+EEDCL4bfF9oF54wuvQsH2/OexGpI3a20Gu6hnWHGDWvZDa"
    "I5WhAXmbxH8ceYOOTBxXO09Pgn0Obh6kcGM4dbAiZbUv8UBdMELbDtenLTYXtdS6yHP4Of"
    "K+7yvnoc39SlhYPXRCgxf2kz4xnNjGQcFLbpjFAHVaF3b2ps1e/elO7UcCu7YYg3jViGul"
    "WXldyPdbdf6Ltr3gXrvdK6lRbpkm234QKWYAp7ibLFnBLqEqh7MJgL+ldudhfH4WduX9gP"
    "9BNZi7G45F8cU1NmcmS0J/73AQ7E39FMi64mK4OLV7ESk3mtOQL8dxM/2GTPbi/OPgx6hT"
    "m+BWAjXe5L2F1HsU293HJon9NkgGldajGEc/5JgyFq96S9cIaERKjOCy3NC7V8m6L/FjdP"
    "hT/AZz52kIkXaMb4r0H3xMQcSHQnWnt3iPEdGT24bOXx9i5bPswQLhgRO37ehPLBt2z4dV"
    "z4yzXs6ehFIIH+F4HOFnz4ER4n3BwcZj5JMPUCrg5hT1wXzX7wEO9feztaaIZEU7yuBRK1"
    "18ZHDePDJbCaqcCbSHQQ4J0wsclapLA6ZIW6pJluTd1XxvQ58Dw6EDDJt4XNrdsGLERWso"
    "MsxIGwDhEmlbTD3KbGiiulrjFnlC95xbEmpj3HTsmiVJTOj3cg/jLsplOOiw+Di8vPZ1cv"
    "jo/6wRDygbUDeyL2gR4V2D2XwG837tdqtERWrkvr/55d+RGQDejVjGQHF7YO06umw7yGnH"
    "pKcAtjfjjLW5uGuHQvU/D5Fj0s0jU4lP350w1xcEkMj9SXe2Avexll9vdOiS6XYcvEnt+T"
    "EV3xzX4l0ZVpVoPnmhPP418HYRoGwHqE+shn4sLSsgk1yUt06XvI5VrKgn/mf2KXoKnNx0"
    "WEvQpiKBDmgE1tdy5xk+/0SZqFahkLpfU4rce1dUC6q8f55JtkvMf8akmUaNi+E9xk1TgO"
    "/hhnhrAQRBcP49Vo+DFqno+sy75iixnzmQoXHAs0grtlqvEemOBIJ1DBOC3TiVmdxfn1cQ"
    "2YXx+Xogy3siBbLp76ilFraZntgPy8ytCOIYaMMVl8BwA8oMt5IQghA3Yivav5XMC6xxVz"
    "CxBTA7x3Oxh+uBx+PEWh/IRenA0vBldXgw+nyIRf5zjEmtAPfPc7RRajJG8l1BmgV+9qDN"
    "Cr/C6cDBDcyq3kLoNN2DPMGZa/C1U6q0y6kebathX+WRTXGM3QWmw+HNkO9Ig0HZGpTW1v"
    "1siWyIlqgrATBKFFHPsrcW0i2dOUCMKIqvoQdLg+QPXseXnCGLgqvjCNbg3e0LDS7Wsl1s"
    "R0HWJTxHd1FHcWhKylklzQHD8SD0162EdzPoF5c5NMeggj4JLuscd7WzpEnmWzo+fIU27S"
    "PGoUGJnPsMk1C1W1vzTXuE+uUcexP5tq0HbLpjgEvUUz0+Y6Mm0WkWlTNHb4lbH46E/o+d"
    "Xo4hOYPfcOMx/B6Pn57FLYQVNsCyPo9tPl9TVc8B7txQKufBl+Go5+H0JS4CPfpGk7jCPi"
    "ukwSQ1/ODsQCmuaqRXPBhGmgW6fEtF7dNr06k7sWa1Zq+Ws5sS5tUxvpAlWJVGltbNNkqn"
    "RfBwZz7WSq3BxrU9YP32AcWHhJT2LcJDcrjRoz0+xJW+YX2+cGwpwPhb1wbOJC4S+MHvij"
    "T4OgAw/xZ7nsK0F88QUDGC0XEMBwB7vEyqZ8knh3fUSwOUPBR8RtCi6FFq79f0Rk9xRNm/"
    "08dkLvoqbSFCFUzBDqI48FST9xttGST2gockDNpeuCJRZ8M46njsNooW0Ek0hFd4vad9B1"
    "tv1soOSNlehulYHhGcGNY8LbhnuNoPBXx/3j2kHhEEd/Lyt/9WT0/b20BNZ3gfDxkQLCYp"
    "tQxDeW0eg+NX+TXVphi8tJafVfwj+po/osiB5KVptFsOXYVLYSVFIRabkOBgx2iYxIQ1AY"
    "5fJAwZxYJ9TDfccL6phoHRPd2gHpbky0zm3r5q7WKHQl5M8kC7BC3EpMPsbHGxzY214atF"
    "KwCUXFpA3huoaOOlaVbKfhPbn5VUV/1zhgI+bADRI3rpEWGNSg+sETcTZCEipDYRR3d8o/"
    "hNVs74mPuP7/2Edg/Fv8CkTboPt1nOonSwfcwROkkTwZJ0BSQDdzWRfRbQdfrYvo7oW55q"
    "+TsXQdFZBTIh2E+O3RUQ2MeatSkMW9w4qOKuZ9bC046uz6+mb0G0Q3hZ5La0JvBr8OLsZw"
    "zSX/JCZ88wYjtf0AJ276eGqnlyQS3Qtx2v5iE+7YyrxHVk7nbzSlPSIc1S3grKQ2gdtmAm"
    "tyq95r12FyKzbulMyRvFiXSGVdH/8wt6yKsM6Mqb5hWGcmcvDABqNuWGf+9dZ18reL777q"
    "5MvI2HIudkTJmPF/tsvItlNlkxOyChzrz2Fm8g02SU/CsGbu96v41TjH2Y2a1mBXoe0PHu"
    "Ky2OHmsMcxQh7x+2jl2r5PqKA3M0mNooRsmNWIeVuI1g3kbU8Mt0gskvGsO32WDvhtF4Fa"
    "Uqe4nMsoK018+IVcqoCMiIz3pTzGewmb5/pNKn5nBDtoXh2IOVXLiibUalTUPRHTA9zqAQ"
    "4UqQVjEufH0+HOseD3GPP86o1CzLO34G2KEJef6xsLbHSu7wHBupPjlEMlrWmxnoysXsla"
    "vZIJFRB7Bpsq0/oZSU3rt3mUufLoyGx+vg8RTEsVTkdG0tyHm9cuXtr4yn7H83w0usoM5f"
    "llPhL7y+fzwc2LV7mdq4RzrBNDGJjQGwbFAa9wIzo63GV0v1FxQ+bbU9vE4ZctMDaZ+/0q"
    "xobmWypUyQeWRFQYxHPEVsRDHpsTCGB7gSH1ui8ahDMETZkbJnD/+BKNE37lkazj+lQijm"
    "0R0KUl9fJ39swJ5f94jBbrYv0UnAFJgmzv4JhIkV7ushW6J/whJKp704eTIeNCAh6ymCaG"
    "WkgM8fFXoYXC5p0jhV4dn9SJHzo+KQ8ggnvaU9iS4JZH/muV5nXYvoMxjNsvXL3Aa4ev6y"
    "pmfEpEG/IbGPLfcezo91JYT0dslUPf3YgtXe1PaXFt0/CWEjYKNMIuLeRrkQfTk9jG4Z1+"
    "lVW8SNrUTg/jVueUuC4kaK2Do9mmU9ux+cQTVqHDDULeZMFcP2gSZHO9RHdL27pDNrdkxe"
    "N/Qnfwhe/gjAhI/6IPkippe3rm03brnz1xqC9ff31m4XWQTRZdWhHymL0SONgzl7DjGOJN"
    "La8UvVRLgVp29DCWbWUjlNvFVLFCWtS+gwbETqrbZt+V4q5X5XMtyD6P23VX5Xtq+FyVDs"
    "/OrEHNkI5ENdB1gG5yKHxBVkNdB+p4y2yGdlpcA14F+NR2Pd/wCKGNQghywh20TQ/dWMml"
    "D3G9txEFkZHUw9y6YW7m2sYmMcg301l6HK4tuLgHUV+HOwOqq+TAOViRL9lwCf/i3qahAb"
    "+lurwJeuwqemJ7NhYuY9MNQfsderqGjrqEVcNsIT9MwzLkaV3qCUOKeV3tpBc3zhlK0qZk"
    "FFs6p6qCZcskcj3NtEEEBwQdw4lnohZXXPAITW04TTUI+EiKJv0UxGk8MN7UZyg5/ozEpT"
    "iCYktFhm3Hz9IRIe2KCJFnE5YzX1H7DjJfO4kK0bn5u8vNF6uKGq5pka0Ukzn4xUFn3O85"
    "417FLZib68VxiLQ31VGoW7S0VdO97jikX/IaY7CRuzVr30pUwoIBXK4WZg1vRSesQ6Zc6V"
    "qKU3FxlO4N8wGiZ7w+Wtk+nO8UVC3royX1bSdR7Rx76nvI9is8rlt8gFYC26UEPne+eI3I"
    "sr1pgVtOGN97XcG2bZ578C7zBdL+SgzF4Pas1FZqOLYoZuKkTinTk/JKpicFn5DYmJqUcM"
    "wJdsmU2XOce4xkg+IEWdEO+mo6HC4KylODFy8jpkunNn3rQhjV37mMoA7YbZtzNJPkokvO"
    "F3WI7cRdVhBMSbTxhuxSEtp8YIDXpTQyU61NB3QDvSG8XsHMkJAf4d3+k8zHImlYv3hecL"
    "a1cFhhaiFRQAYiwD3iZw4GQTdwzjV2CaLkK3HRcgELrxVUvKNkRSBgnK0C55aEBNnl4yY0"
    "qLVnA0Ei+vJFSjVzIPHajXoC0Znt+cxdv0RnYX0+YF2AlMGiO5vOiAt9QFuHP5E/hmA3PE"
    "+8bmy7Jl80+fI8O86WyZcmFb50bS9d26vNKcHEV7YDExnNvTS2AgHEJhmbW0zYbN1AdItx"
    "aUkCZ6ooVIlGnZSMekKjdpOGT2rUI0q4kksfiRU5/ISfLypsLRRgkVvJlcY14loosyDWCx"
    "RNQq2i33AL/UkP8osKbEPfQUJldEUf39cOhVaMTH1Yo+Zd2pu2FuLUXl7q8NOBdfrvntN/"
    "FU2xlJTO1qsyxQQppWrnRjIbQ3s4XolGdq5QpJT0hJSE3tOejjKN1LcNXQD5s1oODOS6jo"
    "DU5GqVG4B8tcnqgvfTkxktyd1+pdEi2hlm1LCOG0CIIBARtcEgBUWkngAN30ceQ8C/r4PP"
    "P3jIZIu1qPbizdhKWBuw4kG8ZXCYuO0DDT/HlrT4zI6fpqn5dlky5gz7yiU9U0JdWv73TL"
    "eFZY+V0c/K6QFoPABhGrOi6pMR6hL6O9N+ktzuDRWgbmeMF/SgzExrkyp0u6bmzVKaCxLd"
    "qlSCPN7IcJc18z+AZsW+T+YLoYwIhUMc4rfgkgTPkUO4duHeM1BZOJwM3QX00J2cst2gL6"
    "29tEt78djSlZlW5bxWItFBZmv7tXvFmX6NIkOzkh10DR6IK7BWbGh8tmuj07TSojoGuM3j"
    "zJa+ycocAU+XW0+J76/eOtcTaIN66zdfhkNRXT2Un9DRp1PEHot11G8Gvw4uxnDFJf8kpg"
    "/X+NYzuLn5ci0u85lAXHe58AOm/vlX5UAl8QyXmMT+KvM6lGoWMtH9GTG7cjfsxifpGWH1"
    "twb4piQ1vIUkL9dlkpj4MflWll8XCWwlh7HFG8rgj3FmLynE08X7ydVo+DFqng+yy6JtLd"
    "2gbNtcUnusdCLnpDqUW7W1aSyilCECiUi0psqTC3OS+vzC7Z1fuEveI1MeTkJ+5MvHlTMg"
    "hcp1T9Mgt+FheKsZQzMIKsMORJ75TBAY90xS2KKeyJZJjSrqepukaRuIjb0Q1uX0B0we1c"
    "CetMyOdtMuxU0FlZ5VQc5K7Y9p6ilaSW2KoHK4wrzEskpc5TinZbqgGu7acIy3nSZgS4U1"
    "6k+j7nJNsCnlEsnucQ2JVBIVtuXL7eDmFIHkhJ59+Hw5PA0CRCZ09PsQbrEVLZ79W2c46h"
    "SsLC9XWShWGZ6mZ3DlR1Fnz0lqnf0JnT2DOqZURqNUAx4LaawVsBanfq8N9pW4Pn4kksJc"
    "lajLxPeIf6Q7Hjr8C2xbxsLBJpEVfK8xALkO9BAoD8HUptgxpKdx1RmAjLiGXxn+uFRswx"
    "cgK68HoP4A6AN3y3XLbuXzpkc9rL/SYNSzknrU2zLqEpd+4WSZZ8qebHFZ0B2V9Cr3OKTM"
    "HEaXnmE62Ja52lSO+TmHni6gowN83coCXLObVFxJHmqZ21ItQQEw5bLvBwmaPoVrE/T0KV"
    "zVWBVdp0/XMVQ8naF2FcNWbTB1I/bLSxjyb4CGX66utnkug+zNlTilS17wct+0bJEREjVy"
    "FSMPuKCCITsQtjBxZlZ4Pj3CpsmW1O+jFbahBqCoD/iC/wdpg5Y4yv7HpMhgnjHe0SN0XH"
    "+74vrFmHKLRNXvmpfrYIz/TnyvfNn2l5I9sZ6PKpHeX1TwgohDWVT9VNeD4QcRFRzKT+jZ"
    "9fXN6DcI842O8pNHBF+cDS8GVyJw2AQU4JzAJv6s7bsXGf8tBl/iyk7BrIjHKYh25sCwPa"
    "eSasqtfEAOk3ypQ7mF+kSDUc9K6qSZ9jBs5aOsWpM0K9ehAOq9p+nv+XyptqG+e/2PfOUz"
    "lSs1vE9HXpCiHGyZrIa9FuztLX34jEhvP4YXlFvlKispoS4V+djD2l1RCkRuoSjXAcnnWR"
    "zYUNSlE1NTUF79o7iWbAFcfdBMVVmVlMnH723oRsgWjesI3BI3wvY475TjRUJ1Z90y5Qx3"
    "yhFUl9gOC3wLhsgrUM1Q4s6fEdv14IicOX4E1hkOqQkLvKKp/bDkJgl6gCNsglN0yDf+SI"
    "TnIF9xJvGunjihEzqGLDDsEcemJOww6v8HL+5hNSNU3BKAIeCMiPUSjblhCuX/5gRNXTaP"
    "WlhL0xesPDMfNbfeQm49GH8JYVFVSzcR+h5PjTlRKKYrKFWTUJlfvpqHjYU6Q8JuLdNaU9"
    "zPT8NEG4WBHceIWEmFJUQqr6ueV60lMWQlB6jVw7vsMDUNdtYHSvhC0XBuF2S/w5Lz6mA3"
    "mdVZQQ1zNczmjJiPKopIIqCrFhWORzu4IAnQfXpq6PZG14PhqTDyJvTqcvgJAh74NvIIMR"
    "CfL28/n40vfjlFc9ubY9+cTejgj+vLG2hEvi1sF1pdjW7HXIZ5/oRe8A8iZIJ/bEu8hPbV"
    "N1l/Ds5tG8xHr8EwZyX1MLd6mIOVpcnLnBbUERhtHmPtJ9V+0r2BrP2kbRkK7Sc9XD/pzp"
    "2AtxQvvBmTprxkG/SfdgV66ba1vYEpHxn2xCFZcLAF8rA4B2veRyvX9n0CB2E569iNtkZh"
    "bWCOeugTE74zl6089GB/JcEBW6UewZ0+dULjhwhkPDiwODjwC57CO5/Z5gx8hasZvwNHtS"
    "FRKMP2hK8bQbCvV9Pv92d2inFN7C847Bj+r+QS3EbFyQPxCj5zwUmtiO1FEYvOx1E7mSon"
    "1SVtbGscnrqZqEmAAzAQw6AXvtlIyz3VOYM5kdVusiqXQgTXipDHhkhHohroOkA38ZIVZD"
    "XUdaBu6P2ViWvA84ArVNTZpfF4RlxuwfQkVmN4p19lLuKkzVNmYjm4OiKyXRGR3Lz1bLUM"
    "s5RIBy2anSQ7wUulgHDYvIPovjo6quPSPjoq92kfFSM9+E5PZGG9v96OhiUOsEQkv1vZpo"
    "/+gxz7kGtBycAFMDI2TeF8pfxRSv2ssQIdnD/3Zvb3/wOz8iP7"
)
