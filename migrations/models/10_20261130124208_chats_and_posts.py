from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Written by migrations/make_migration.py: aerich's SQL for each engine we run on.

POSTGRES_UPGRADE = """
CREATE TABLE IF NOT EXISTS "bot_chat" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "can_post" BOOL NOT NULL,
    "can_pin" BOOL NOT NULL,
    "can_edit" BOOL NOT NULL,
    "language" VARCHAR(8) NOT NULL,
    "added_by" BIGINT,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "live_on" BOOL NOT NULL,
    "live_message_id" BIGINT,
    "live_month" VARCHAR(7),
    "live_digest" VARCHAR(64),
    "live_reposts" INT NOT NULL,
    "daily_at" VARCHAR(5),
    "post_results" BOOL NOT NULL,
    "post_new_race" BOOL NOT NULL
);
COMMENT ON COLUMN "bot_chat"."status" IS 'MEMBER: member\\nADMINISTRATOR: administrator\\nRESTRICTED: restricted\\nLEFT: left\\nKICKED: kicked';
COMMENT ON TABLE "bot_chat" IS 'A group or channel the bot is (or was) in, as the last `my_chat_member` update (or its first use there)';
        CREATE TABLE IF NOT EXISTS "chat_post" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_by" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "text" TEXT NOT NULL,
    "photo" VARCHAR(255),
    "draft_id" VARCHAR(32) NOT NULL UNIQUE,
    "status" VARCHAR(16) NOT NULL,
    "report_chat_id" BIGINT,
    "report_message_id" BIGINT,
    "finished_at" TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS "idx_chat_post_status_25b37c" ON "chat_post" ("status");
COMMENT ON COLUMN "chat_post"."status" IS 'SENDING: sending\\nCANCELLED: cancelled\\nDONE: done';
COMMENT ON TABLE "chat_post" IS 'An announcement an admin sent to some of the bot''s chats (/post). Its chats are fixed at confirmation.';
        CREATE TABLE IF NOT EXISTS "chat_post_delivery" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "chat_id" BIGINT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "error" VARCHAR(255),
    "sent_at" TIMESTAMPTZ,
    "post_id" INT NOT NULL REFERENCES "chat_post" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_chat_post_d_post_id_e47838" UNIQUE ("post_id", "chat_id")
);
COMMENT ON COLUMN "chat_post_delivery"."status" IS 'PENDING: pending\\nSENDING: sending\\nSENT: sent\\nBLOCKED: blocked\\nFAILED: failed\\nSKIPPED: skipped\\nUNKNOWN: unknown';
COMMENT ON TABLE "chat_post_delivery" IS 'One chat of one post: the unique pair makes \\"at most once per chat\\" a database rule.';"""

POSTGRES_DOWNGRADE = """
DROP TABLE IF EXISTS "chat_post_delivery";
DROP TABLE IF EXISTS "chat_post";
DROP TABLE IF EXISTS "bot_chat";"""

SQLITE_UPGRADE = """
CREATE TABLE IF NOT EXISTS "bot_chat" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "status" VARCHAR(16) NOT NULL /* MEMBER: member\\nADMINISTRATOR: administrator\\nRESTRICTED: restricted\\nLEFT: left\\nKICKED: kicked */,
    "can_post" INT NOT NULL,
    "can_pin" INT NOT NULL,
    "can_edit" INT NOT NULL,
    "language" VARCHAR(8) NOT NULL,
    "added_by" BIGINT,
    "updated_at" TIMESTAMP NOT NULL,
    "live_on" INT NOT NULL,
    "live_message_id" BIGINT,
    "live_month" VARCHAR(7),
    "live_digest" VARCHAR(64),
    "live_reposts" INT NOT NULL,
    "daily_at" VARCHAR(5),
    "post_results" INT NOT NULL,
    "post_new_race" INT NOT NULL
) /* A group or channel the bot is (or was) in, as the last `my_chat_member` update (or its first use there) */;
        CREATE TABLE IF NOT EXISTS "chat_post" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_by" BIGINT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "text" TEXT NOT NULL,
    "photo" VARCHAR(255),
    "draft_id" VARCHAR(32) NOT NULL UNIQUE,
    "status" VARCHAR(16) NOT NULL /* SENDING: sending\\nCANCELLED: cancelled\\nDONE: done */,
    "report_chat_id" BIGINT,
    "report_message_id" BIGINT,
    "finished_at" TIMESTAMP
) /* An announcement an admin sent to some of the bot's chats (\\/post). Its chats are fixed at confirmation. */;
CREATE INDEX IF NOT EXISTS "idx_chat_post_status_25b37c" ON "chat_post" ("status");
        CREATE TABLE IF NOT EXISTS "chat_post_delivery" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "chat_id" BIGINT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: pending\\nSENDING: sending\\nSENT: sent\\nBLOCKED: blocked\\nFAILED: failed\\nSKIPPED: skipped\\nUNKNOWN: unknown */,
    "error" VARCHAR(255),
    "sent_at" TIMESTAMP,
    "post_id" INT NOT NULL REFERENCES "chat_post" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_chat_post_d_post_id_e47838" UNIQUE ("post_id", "chat_id")
) /* One chat of one post: the unique pair makes "at most once per chat" a database rule. */;"""

SQLITE_DOWNGRADE = """
DROP TABLE IF EXISTS "chat_post_delivery";
DROP TABLE IF EXISTS "chat_post";
DROP TABLE IF EXISTS "bot_chat";"""

SQL = {
    "postgres": (POSTGRES_UPGRADE, POSTGRES_DOWNGRADE),
    "sqlite": (SQLITE_UPGRADE, SQLITE_DOWNGRADE),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXW132zay/is4+lLnHN3UcdIk171fbEdt3Tiyj620PVv10DAFWVxTgJakomh3+98vBn"
    "wnQYqgRYli8KGpRWJA6QEIzDwzmPlPb84mxHZfni0nljegnrPunaL/9CieE/6H5G4f9fBi"
    "Ed+DCx5+sEVzDO0Mmz2KZg+u52DT4zem2HYJvzQhrulYC89iFJpfU4LwZG5RxJvxa6doNW"
    "N9/g/2+ojR4A9vRpDrYY+gBzJlDhehE4SnHnGgKaEv4WETZvKnWfRxy/0uqfWvJTE89kh4"
    "e4f3/udf/LJFJ+QrccOPiydjahF7ksLOmkAH4rrhrRfi2iX1fhIN4Ss/GCazl3MaN16svR"
    "mjUWuLenD1kVDi8O8J3XvOEoCkS9sOQA+x9b9p3MT/igmZCZnipQ3DAdL+F4iv9QxjeD0y"
    "7gYjw+jlhiqUSKAcXDIZhWHmX9UVv/4RvsL/nLx68+7N+9dv37znTcTXjK68+9t/dAyMLy"
    "jgGY56f4v72MN+C4FxDCr28qB+4Nh41pzIkfUlMshOApGX4R9ZnENUy4AOL+wJaYfgyTW1"
    "18FzS2AdXX4a3I3OPt3A4+au+y9bwHY2GsCdE3F1nbl69PYFXGf8Dfbf7agT9Pvl6BcEH9"
    "E/rocDgS5zvUdHPDFuN/pHD74TXnrMoGxl4EkCovBqCCNvmRhk02OOIXt/zq3HwlcoKbX5"
    "Rao3wPFCtrt36X9PTl6/fndy/Prt+x/evHv3w/vj6KXK3yp7u84vf4YXLDWq4RuXAh++Zw"
    "76ixl2CoEPJDKw8x9ziLDP8VfDJvTRm/GPb96XIPrb2e3FL2e3R2/eZ16WYXDnRNxKA+xh"
    "h28mKgDHErsDuNfbCbwnP/xQAV/eqhBgcS+NsL+f5xH+9e56KEc4lshuFJbpof8i23KrrC"
    "DB4taWmVyCLECR2g1CQI8+nf2Rxfri6vo8u8xDB+fZpQOUJxXYIwGNuhrqoHROnxIaElx4"
    "wObTCjsTI3eHnbCitvlb85N59gqm+FEACb8Yfl9gF5wzunQvbGzNexKrIXG31Gp4gHaGGT"
    "WsZDeI5mhBHGTyHsUfI2KTRwfP0dLln0Cbh6s/M5g53BIw2ZJ6p8ifJmiBLceVmw7b61pi"
    "Pfzp/1xxl/fV4/gmLi1svCZCiflLmxl7NDPicVDYplNCHVSF3r6psFW/fVO4U8Ot9IYh3j"
    "QyMdSturTkbqy73ULfXfPOX++V1q2kSJdsu2cuYDGmsJcoW8wJoS6BugODOad/ZWZ3fhx+"
    "4vaF9Ug/krUYi0v+xTE1ZSZHSnvifx/gQPwdzrTwarwyOHgVKTGp15ojwH838fxN9uzu4u"
    "zDoJeb41sANtTlPgfddRTbxMsth3afJgNM60KLIZjzGw2GsN1Ge+EMCYlAnRdamhto+RZF"
    "34ubp8If4DEP28jECzRj/NegB2JiDiS6F63de8T4joweHbZyeXuHLR9nCOeMiIafN6Z88C"
    "cW/Dou/PkG9nR05Eug/0Ogs/kfXsDjhJuDw8wnCaauz9Uh7Irrotl3LuL9a29HC82QcIpX"
    "tUDC9tr4qGB8OARWMxV4Y4kOAtwIExuvRQqrQ1qoS5rp1tR9ZUz3gefxgYBJvi4sbt3WYC"
    "HSkh1kIQ6EdQgxKaUd5hY1VlwpdYw5o3zJy481Ma05tgsWpbx0drx98ZdBN51yXHwYXFx+"
    "Ors6Ojnu+0PIB9by7YnIB3qcY/ccAr/deFir0RJpuS6t/zt25YdA1qBXU5IdXNg6TK+aNn"
    "NrcuoJwS2M+eEsb20a4sK9TMHnm/ewSNfgQPanj7fExgUxPFJf7oG97EWU2d/NEl0etyS9"
    "npTm8m/1y0kuzzDDVhUorkeHLReIOYgLUUpsQfDwTpDloiN+eYUFH9QPuR8bux66n6/FQ4"
    "w5mT8Q5x4tF/CCCwHLc9HUcngrYKSADyIvJFTXTp47pu6MrciE34RgXsFO8b/RHK8RvFt9"
    "tIBoXzpBZGIFsb3Q/3cufx59XPIhEnch8jf6giDo+g+AqGB4Lls1EvZbpu10jAvbiYpTzJ"
    "g98R+vQumE7TtI6Lx6W4HPeZXdxWI6B25lIhctz1biIyMBHbdYhS2D0wgy3yEAPKDLec7B"
    "lQI7lt4h2v76rYh579Pg0/ng9hT50mN69uHT5fDybnR7Nrrml8XZDQvA9xi/e8vVpdvLi9"
    "HgwyniOhQfJpP/ijG9Gvw0OkU2mXpj+vHy4iPcf7LMJzLJblP7eV1MTA3YYyT7AWM2wbRA"
    "DU+IZUbygcs1NZThXrFbzfv8+voqpXSfX2bW/OFnmCtHrzK0g8TaBdwsSeT6ZrQtmebbJN"
    "jRlYNGG3StGnCHYhpvBbxDNVZl+03K7HBPIHQ3e3CVkxnFBzNy5zK4+V2DrExK1aIqW8aS"
    "7Iep9M2/OqRVWrKDTOWh01apRcz6QgzZ4bLSPSMhpbcMlS0DcJsT1+VbgHJsqERYL291lz"
    "cfTLnXsWT7TknV2sDbhn5q/y7DNdy/3xXu3++y+7eAa2I9EpnFtQHlWKx7MG8/ckpA5hDB"
    "n+ahLl9SEmI6EiW7TkywZa+lSlDx/E3KdG/yVmHZijm2HMMGc49PQZd/Y8nMLdVCsqJaFV"
    "FQRQR4lKwMLioxYTcDn5TVyG9Avi2ngx2GJyZ25T7Q6Ga/1AuaalbBDRqorAjTIAWQS6iH"
    "PCYuLCcWoSZ5iS49FznEtBb8M/8TOwRNLT4JROIf4SD0hfmQTS1nLjko3OiTdBx+y+LwdS"
    "SbjmRr64B0N5LNI18l4z3iVwvczUH7Tjjzy8Zx8McoNYS5NCLRMF5dD38Om2dzi2RUtBnz"
    "mIrhEQl0z+poxLsf6gQqGCdlOjGr0zi/PqkA8+uTQpThVsaCdvDUU8zbkZTZDsj7VYYahr"
    "jtUSo5rHtcMZ8AYmqA9+4Gww+Xw59PUSA/phdnw4vB1RUEmpjw62wb4lA+8N3vFE0YJVkr"
    "YT9xJwuHwSbs+hGWqsS/TFoz/3UV1wjNun6Ygg70iNQdkSmEls1q2RIZUX1Eom2+5lpHJC"
    "YEHBOORWSMsMoRiZCq+uB3uD5A9Ww/JyVywJXxhUl0K/CGxiTZvlJqwYiuQ2yK+K6Oos78"
    "pB2JNH9ojp+Ii8Y97KE5n8C8uUnGPYQRcEkP2OW9LW0izzPY0HPkSQeTPGqYGiabYzDTLF"
    "DV/tJc4y65Rp3Ja2+qQdstG0ms5aKeaXMTmjaL0LTJGzv8ykh89Mb0/Oraj69/sBkE2I/p"
    "T2eXwg6aYksYQXcfL29u4IL7ZC0WcOXz8OPw+vchpEV94ps0bYdxRByHSbKIFbMDkYCmua"
    "odYuETpoZunRDTenXb9OpU9s5Is1LL4JkR69I29SxdIGezSKDO46yeTjLZ14HBXGSV9LPp"
    "JDNzrE15D/kGY8PCS3oS4ya+WWrUmKlmG22ZXyyPGwhzPhTWwraIA4ecMXrkjw6O2LmIP8"
    "thXwjiiy8YwGi5gACGe9glVhblk8S97yOCzRnyPyJuU3AptHCsfxOR3zBv2uzmsWN6HzaV"
    "JklE+RyJfeQy/2R4lG9xySc0pHmn5tJxwBLzvxnHU8dhtNA2gkmkoruF7TvoOtt+VG/8xk"
    "p0t9LUWCnBZ2fFahvuFdJivTrpn1ROiwWZxB5kBYA25h97kBYB+iYQPjlWQFhsE4r4RjIa"
    "3U3zN96lFba4jJRW/yX8kzqqe0H0YE5TEDyxLSpbCUqpiKRcBwMGu0RGJCHIjXJxoGBGrB"
    "Pq4a7jBXVMtI6Jbu2AdDcmWmf37OauVit0JeDPJAuwQtxKRD5GBd4P7G0vDFrJ2YSiZswz"
    "4bqBjjpWl6nR8J7M/Cqjv6MZWIEDN0jUuMKxQL8Kz3euiLMRklAbB6Oou1P+Iajn+UA8xP"
    "X/pz4C43/Cr0C0DXpYR0f9ZMcBG3iCNJIn5QSIS4imLusyou3gq3UZ0Z0w1/x1MpaOrQJy"
    "QqSDEP9wfFwlb8LxcXHmhOMc79f26Kj8uY+tBUed3dzcXv8G0U2B53ICWUl/HYQ5Sf9JIC"
    "NpdlPYT4ATN31cGRtSVtYqlOheiNP2F5tgx1bmPdJy+vxGXdojxFHdAk5LahO4bSawJreq"
    "vXYdJrci407JHMmKdYlU1hXCD3PLKgnrTJnqzwzrTEUOHthgVA3rzL7eulL4dvHdVaVwGR"
    "lbzMVeUzJi/J/tMrLtVNnkhKwax+rdMHmmtehefwOv6kVlJyowqlBtibIlf3/mIm42mwTN"
    "ZXMC5xqDYkvfuaIek4uOvoeHvPATo/mX4pxo2AvzoIkhl9CsO3usDv1tF5Wqww10uEFrB6"
    "S7FplOwaZTsO2FuG3kbKrODqazg33r2cEgAb/j1csNlpfVfoy6+lSAZd28YFJxPRp1R0Nn"
    "BeuuX2mvWcFC9kUnBevXYrTKcoLJsK3AcNVICQayYZYu6KJagi60IKIsulc1I1gzj5GGEY"
    "ZUX7iX60DBvbJbdbSx56phbVtndNKvakOgk37ppF9K75VO+qXV5ueFYwm1SWnnT0h0aXNq"
    "KtVXqI49Pxwk8vUeGMBVoxUSE6tN+b1+CliAWyhSJ7FVUvdL7ZSITwjr3VU53wRtv3MRl8"
    "U28qsU8l3c66OVY3keocJQSJkTorBsYE9g3hbyZfnylitsWrHLy046Nfos7Xdvl2WiXLX4"
    "eQWLWwZuk/WK+VrueG4drSkp2EF3epcUJ25X1RnihJge4FYPsB/KuAhq0GbGeGPCsUjwW8"
    "w69uqNQtYxd8Hb5CH+9e56WLBKhgJZaC3TQ/9FXPM4YC1ZBitAkXprciEp2eiTzOsAHWRD"
    "UgIlra5jLCWrV7JWr2RCBcSuwaaqA52W1ExOm0eZK4+2agX2SEZXXt9e5fVkJAiY0M/0Mw"
    "OvcCs6OtxldLce5k9gqN6IZBsjxmd4T8La5Nr0y5gbYfoaQf4OL2pfycMcpY9Z8W/ruEHu"
    "GJGzK6BPjkSac78dbzZjflMyedFHT2ThoSlz0CNjE7SyeHPLc5H4+nfL+Rw7a7nHeTePlX"
    "qgY6JgO9lqylylHWN7duIibS8ntG9XQJOskE4ZtJMsHsEapmizJ6T2Y7A3lXq5grV+ctx/"
    "W2qtK+g+jW/rweZTuKWH9yts526iaQVHjBCCY4dsPudD663R1HpcchUv7R7hGyn/C1wk/i"
    "4rtlwXYTpJb6q+G8WleOHOmK8jZrwxzT5wzNuSNXRO0NRhc3FqcuEsKZmIcip+GDIkvUML"
    "7Hp+5y6CA1HQkUvQkY/s90HLl4v1C+3o0Y6eloHb5JYuLAGj3o6Tk/329p03G/adJNR8cb"
    "a+kMAEUymkkBfUUSuSYElKVoZDpsRxsK0Cb05OoytLbYYtW3K8vdjHEQloH8czfBytSal+"
    "QANxELx3SyySIfOsqWXiAP6cRZK6X2qR0GzLKgaJf0JQqPULh0E+I8RWXPWHVClw0OQIQ5"
    "XFvmgQUNHCGvBrNb54iUZxINcTtwXCIyjh0ROZTdL0M8eU/+Mymj/x8qNvvxC/sKONrbnr"
    "V5J02Ao9EP4QEka79xF2UVQz1EUTpg2TFhomfPxVzJKgeeeMklcn76scizh5X3wuAu7ppI"
    "AtOXf0xH+t0rwO2neQ3t1+FooFXtt8XVfRpRMiWpt+hjbd9vN0DaaJ/1aO0+lUYMXQdzcV"
    "mD7jp7S4tml4224h+xE2PYltHNzpl1nFi7hN5UpQyGcjoRbTWliMeDq1bItPPGEV2uDL8j"
    "1WfhO/cNNLdL+0JvfI4pasePyP6B6+8D0kfIIUDPRRktlhR8/cbLf+GTqweaMJXvuFo8JL"
    "K0Ke0ld8B0/qErZtQ7ypfxXawEu10IVlRzOrbStkodguFv9XQDps30EDopEz7el3Jb/rVQ"
    "gUiWW/PbfdpnARGdRiDaqHdCiqga4CdIGzvxLSRX5/DbUU6mjLrId2UlwDXgb41HJcz3AJ"
    "obXOKmWEO2ibHrqxkqkUxPXeWhRESlIPc+uGud4ZGmwSg3w17aXL4drCWZpB2NfhzoDygt"
    "iQ3DL0JRsO4V/cfe4ZpN8SXd76PXYVPbE9GwuHsekzQfsderqBjrqElRJblCw34FdcMuQV"
    "nNRrAymWcGonvfjs8kBxhSQZxZYsn1TCsqVqNm1m2iCCA7IbQD5TkHLjYj1TC1Kj+wEfcX"
    "30H/04jUfGm3oMxRlOSVR116+rnmfYGn6WjghpV0SIvHBYMfMVtu8g89VIVIguw9lcjK9Y"
    "VdRwTYpsJcP/wS8OORNBF9dstrimilswM9fz4xBqb6qjMAi7O6TpXnUcki95hTF4lrs1bd"
    "9KVMKcAVysFqYNb0UnrE2mXOlaipz3OMwrCfMBomfgACNkFMBwmtBltI+W1LPsWLWzrann"
    "Issr8bhu8QFaCWyXErjv84oVIst2pgVu+cCi/zqoYBtLdFDHbsS7HBw4VAxuT0ttJTl9i2"
    "Im3h9XwPn9cSHM73M+IbExTWqUjc0IdsmU2XGce4RkjSyoadEO+mo6HC4KylONFy8lpuvZ"
    "1X3rAhjV37mUoA7YbZtzVKeK2kncZQnBFEcbP5NdikObDwzwqpRGaqq1qVYH0BvC6+XPDA"
    "n5Edztb2Q+FnHD6lU6hJDvsIL8SyJTNUSAu8SDuO+Qf3iJbtnKFRmXKPlCHLRcwMIbpGii"
    "ZEUgYJytfOeWhARp8nFj6ueRslyR8pH35Ykj1cyGg9dO2BOIzizXY876JQqSVQnWBUgZLL"
    "qz6Iw40Ae0tfkT+WMIdmyL98No1dh2Tb5o8mU/O862E0DWKCWgiwjoIgJtPhJMPGU7MJbR"
    "3EttKxBArHNic4sHNls3EN1iXFpygDORfb5Ao45z02/QqJ24YaXE6Q6mT2QSOvyEny+soC"
    "cUYHG2UiQx5Voom0CsFyiahE7kGdGf2Z801XlYyQ/69g9Uhle2lPtcK7TPVGjFyFSHNWze"
    "pb1payFO7eWlDv84sD7+u+Pjv4qm2DedqVfltJ4gpVTt3FDm2dAejleilp0rFCklPSEhof"
    "e0zVGmofr2TBdAtij0gYFc1RGQmFxtcwPcLu1iL4B/s7/ZZInaVfcBCBkwJaJow5XDPEGY"
    "z9HR99wGFy1eqLHyKOJZ5a6AJp86poEvwCNfPe0I+DbsJu0IaK5sBH+N8siO+FU5smH7Ti"
    "j4ZbTc4I9ROUUdsXJX18Ofw+ZZ3lpT1JqibudAHAglXRij1BZOmnyxyOqC9yPV7+K75Qqe"
    "aGeYYcMqGp4QQSAiUr/CCWNxshgULlE1C1Sqtf9ZVO5arEUyP3fGtSBQfsCgheM0fuUuy4"
    "MoizmeSHMLNvw0rXC1S+EyZ9hTztieENJbVe2tKqhqoYx+Wk4PQO0BCLLUKDJbKaEuod8Y"
    "uRWn7nkmv9XthED9LM2VmmltYrru1tS8XUqP+oa3SpUglzcynGXF473gRceeR+YLoYwIhQ"
    "P0jOWCSxI8Rzbh2oXzwEBl4XAydO97/+7lHvln9KW1l3ZpLy5bOjLmvJgviiU6wWs0XZqB"
    "r8hOvYM/aUltVrfOrE7nOvUdR7UynaZE9RGvNo8zW3pQelu+YG6uppMQ3105Ha4n0BrldG"
    "4/D4eieE4gP6bXH08Re8qXybkd/Dq4GMEVh/yTmB5c41vP4Pb28424zGcCcZzlwvMDMfa/"
    "KgdlhQ2HmMT6IgsqKdQsZKK7M2KaiiZpJuTMNYLkvjXwTUhqeHNn+B2HSY48FvuiIoGtpK"
    "ho8YbShC9qsnT8rLxzlRLbGakOHZ3f2jQWvmcIMCcSremcMW5L0hKvdSyZAfchOH/VxBIR"
    "XdntxD6/vr5KTezzy+zM/fzpfMD3wUxQWgG7tB/eI5X9V0J+ZLMDFzMgucTEm2mQu6DW8W"
    "rG0AzODGAbDhZ4TBAYD0ySt6yayJZJjTLqepukaRuIjZ0Q1sX0B0we1bjtpExDu2mXwuL9"
    "Qh6qIKeldsc09RStpDYFyNtcYV5iWaLVYpyTMl1QDZs2HKNtpw7YUmGN+mbUHa4J1qVcQt"
    "kdriGhSqLCtny+G9yeIpAc07MPny6Hp36AyJhe/z6EW2xFg15Vk/hVGI3ibOS5XORBsWSD"
    "Kz+KOntGUuvsG3T2FOqYUhmNUg54JKSxVsCaMs+arg32hTgefiKSvKulqMvEd4h/qDseOv"
    "wLbE2MhY1NIqvnU2EAMh3oIVAegqlFsW1Ii61WGYCUuIZfGf6oEkDNFyAtrweg+gCYDsH1"
    "nPZpyQ467TuWriU56sGRuhqjnpbUo96WUZe49HOFA/eUHKPFWd8bytha7HFImDmMLl3DtL"
    "Elc7WpVHE8h54uoKMDfN2KAlzTm1RUKAhK1VhSLUEBMOWqPgcJmi6y+hz0dJHVcqzyrtPN"
    "aaoVi29VTlLdqg2masR+cYZq/g3Q8PPV1TbLbn0OYtZHDGgaiTs63aBf5o8O498NL2pbqS"
    "LrzwyGED0Q7BAHCWHIBSHYXv/4oCiJ9b2400eEms4a4uiqJoTIMsY7eajIPAGX/K4tCsT2"
    "j0FWiTDHhGktZsSBQ/Jozk1ZF417XJXgfU/GPXREmS/8Qh8baOGxgXjs8uAWB6Glpbrg+N"
    "p1JBr5urC46VOrdE9SUgeZt8cizRMROveFzn3RloE49PeqJYGPMiNRonAW2JLFaqfMnq2m"
    "fJ6hMNhSRB1AIgpgSyC2EYcKIjZNtqReH62wBdVERHaxI/4fZKiYgAa5fhGXK8mpms08Qu"
    "uCLdMFYUzJRDnELyvXweOkjYT5uR72lhL6pVo4VCy9uwNoCyLKO/fUMO/dDIYfxAG0QH5M"
    "z25ubq9/gxNlfEV02Jeiw2cXZ8OLwZU4o2YCCrbdloNnjP8Wgy9xUdh6dQ0vJ7qVEyVtWJ"
    "p2rOVp727xgBymn6+KdzfQJ2qMelpSm85tU/Flo6xqPqflOnRWb+cZoXZcqb5tqDev/5Ev"
    "fKZypYb3actznxWDLZPVsFeCvb1FVPaI9PaPi4Fyq5zQLyGk2U+ltTtHj6VHIj8Myinnsk"
    "d6D2woqnquE1NQnmguv5ZsAVxdsrosg1/C5OP3nhmxks5P3BG4JREr2+O8EzE+Eqo7HQFU"
    "zHAnYo6qEttBqUDBELk5qhn5sQmW40Kx7Tl+AtYZqlwEpaLQ1HpccpMEPUK0gl+Pm3zlj0"
    "R4DvIynrvhJ47pmELcxgN2iW1REnQY9v+dG/WwmhEqbgnAEHBGELYx4oYpZJqeEzR12Dxs"
    "MVmanmDlmfmkufUWcuv++EsIi7KqXLHQt1h/+r1CWS5BqZqEykJAy3nYSKgzJOzWkvpoin"
    "v/NEy4URjYto2QlVRYQqTyun5i2VoSQVZQgaka3kXVmDTYmUAdvlDUnNs52W+weKU62HVm"
    "dVpQw1wOszkj5pOKIhIL6ASZuUi+gwuSAN2np4Zu7/pmMDwVRt6YXl0OP0LAA99GniAG4t"
    "Pl3aez0cUvp2huuXPsmbMxHfxxc3kLjfxoYN7q6vpuxGWY643pBf8gQib4x7bES2hffZ31"
    "5+Dcti2Ka9fD3Nww+ytLnZc5KagjMNo8xtpPqv2kOwNZ+0nbMhTaT3q4ftLGnYB3FC/cGZ"
    "MeeUk36G92BbrJtpW9gQkfGXZFPVaooYZcLEquzvto5VieR6Dmqr2O3GhrFJSh4KgHPjHh"
    "O3PgGPSj9YX4tVwLPYKNPnVMo4cIZPgzvKC2LDyFdz6zzBn4ClczfofjRJDIyWa5wteNIN"
    "jXrej3+zM9xbgmxhv8Kf6v5BLcRnLzA/EK7jm3uVbEdqKIhaUY1YqgZqS6pI1tjcNTNxM1"
    "CXAABmIQ9MI3G2lm0VKPQk5Wu8nKXAohXCtCnmoiHYpqoKsAXcdLlpPVUFeBuqb3VyauAc"
    "8C3pKsCWfE4RZMT2I1Bnf6ZeYijttsMhOLwdURke2KiOTmrWupnTBLiHTQomnksBO8VAoI"
    "B807iO6r4+MqLu3j42Kf9nE+0oPv9EQW1vvr3fWwwAEWi2R3K8v00H+RbR1y2lEZuABGyq"
    "bJJVDL5krrp40V6OB835vZ3/8PCk2F3Q=="
)
