from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Written by migrations/make_migration.py: aerich's SQL for each engine we run on.

POSTGRES_UPGRADE = """
CREATE TABLE IF NOT EXISTS "finished_race" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "month" VARCHAR(7) NOT NULL UNIQUE,
    "starts_at" TIMESTAMPTZ NOT NULL,
    "ends_at" TIMESTAMPTZ NOT NULL,
    "prize_pool" DECIMAL(14,2) NOT NULL,
    "split" JSONB NOT NULL,
    "finalised_at" TIMESTAMPTZ NOT NULL,
    "data_as_of" TIMESTAMPTZ,
    "stale" BOOL NOT NULL
);
COMMENT ON TABLE "finished_race" IS 'A race''s final result set, written once: the unique month makes a second finalisation fail.';
        CREATE TABLE IF NOT EXISTS "notification" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "key" VARCHAR(128) NOT NULL UNIQUE,
    "user_id" BIGINT NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "payload" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "sent_at" TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_status_e94356" ON "notification" ("status");
COMMENT ON COLUMN "notification"."status" IS 'PENDING: pending\nSENDING: sending\nSENT: sent\nBLOCKED: blocked\nFAILED: failed\nSKIPPED: skipped\nUNKNOWN: unknown';
COMMENT ON TABLE "notification" IS 'A message the program owes someone (a win, the results for admins). The unique key makes \"once per';
        CREATE TABLE IF NOT EXISTS "wager_snapshot" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "player_id" VARCHAR(64) NOT NULL,
    "sync_run_id" INT NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "wagered_today" DECIMAL(20,6) NOT NULL,
    "wagered_week" DECIMAL(20,6) NOT NULL,
    "wagered_month" DECIMAL(20,6) NOT NULL,
    "wagered_all_time" DECIMAL(20,6) NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_wager_snaps_player__2b1b57" ON "wager_snapshot" ("player_id", "at");
CREATE INDEX IF NOT EXISTS "idx_wager_snaps_at_2e9fa9" ON "wager_snapshot" ("at");
COMMENT ON TABLE "wager_snapshot" IS 'A player''s figures as one sync saw them, written only when they changed: together the rows give every';
        CREATE TABLE IF NOT EXISTS "race_result" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "rank" INT NOT NULL,
    "player_id" VARCHAR(64) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "wagered" DECIMAL(20,6) NOT NULL,
    "prize" DECIMAL(14,2),
    "race_id" INT NOT NULL REFERENCES "finished_race" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_race_result_race_id_4d00b8" UNIQUE ("race_id", "rank"),
    CONSTRAINT "uid_race_result_race_id_ce4974" UNIQUE ("race_id", "player_id")
);
CREATE INDEX IF NOT EXISTS "idx_race_result_player__cf7cd3" ON "race_result" ("player_id");
COMMENT ON TABLE "race_result" IS 'One ranked player of a finished race, as they stood at the end.';"""

POSTGRES_DOWNGRADE = """
DROP TABLE IF EXISTS "race_result";
DROP TABLE IF EXISTS "wager_snapshot";
DROP TABLE IF EXISTS "notification";
DROP TABLE IF EXISTS "finished_race";"""

SQLITE_UPGRADE = """
CREATE TABLE IF NOT EXISTS "finished_race" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "month" VARCHAR(7) NOT NULL UNIQUE,
    "starts_at" TIMESTAMP NOT NULL,
    "ends_at" TIMESTAMP NOT NULL,
    "prize_pool" VARCHAR(40) NOT NULL,
    "split" JSON NOT NULL,
    "finalised_at" TIMESTAMP NOT NULL,
    "data_as_of" TIMESTAMP,
    "stale" INT NOT NULL
) /* A race's final result set, written once: the unique month makes a second finalisation fail. */;
        CREATE TABLE IF NOT EXISTS "notification" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "key" VARCHAR(128) NOT NULL UNIQUE,
    "user_id" BIGINT NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "payload" JSON NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: pending\nSENDING: sending\nSENT: sent\nBLOCKED: blocked\nFAILED: failed\nSKIPPED: skipped\nUNKNOWN: unknown */,
    "created_at" TIMESTAMP NOT NULL,
    "sent_at" TIMESTAMP
) /* A message the program owes someone (a win, the results for admins). The unique key makes "once per */;
CREATE INDEX IF NOT EXISTS "idx_notificatio_status_e94356" ON "notification" ("status");
        CREATE TABLE IF NOT EXISTS "wager_snapshot" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "player_id" VARCHAR(64) NOT NULL,
    "sync_run_id" INT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "wagered_today" VARCHAR(40) NOT NULL,
    "wagered_week" VARCHAR(40) NOT NULL,
    "wagered_month" VARCHAR(40) NOT NULL,
    "wagered_all_time" VARCHAR(40) NOT NULL
) /* A player's figures as one sync saw them, written only when they changed: together the rows give every */;
CREATE INDEX IF NOT EXISTS "idx_wager_snaps_player__2b1b57" ON "wager_snapshot" ("player_id", "at");
CREATE INDEX IF NOT EXISTS "idx_wager_snaps_at_2e9fa9" ON "wager_snapshot" ("at");
        CREATE TABLE IF NOT EXISTS "race_result" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "rank" INT NOT NULL,
    "player_id" VARCHAR(64) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "wagered" VARCHAR(40) NOT NULL,
    "prize" VARCHAR(40),
    "race_id" INT NOT NULL REFERENCES "finished_race" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_race_result_race_id_4d00b8" UNIQUE ("race_id", "rank"),
    CONSTRAINT "uid_race_result_race_id_ce4974" UNIQUE ("race_id", "player_id")
) /* One ranked player of a finished race, as they stood at the end. */;
CREATE INDEX IF NOT EXISTS "idx_race_result_player__cf7cd3" ON "race_result" ("player_id");"""

SQLITE_DOWNGRADE = """
DROP TABLE IF EXISTS "race_result";
DROP TABLE IF EXISTS "wager_snapshot";
DROP TABLE IF EXISTS "notification";
DROP TABLE IF EXISTS "finished_race";"""

SQL = {
    "postgres": (POSTGRES_UPGRADE, POSTGRES_DOWNGRADE),
    "sqlite": (SQLITE_UPGRADE, SQLITE_DOWNGRADE),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXW1z2zYS/isYfWk6o/M4ihP7fJ9kW0l9cSSPrDSd1hkGJiELZwpQCciKrpf/fgBIiu"
    "80Sb1RLD40tQEsSD8AgX0Wu4u/WlNqIZsddecW5j3CnWXrHPzVInCKxA8ptW3QgrNZUCcL"
    "OHywVXMo2xk2fVTNHhh3oMlFxRjaDIkiCzHTwTOOKZHNBwQBaE0xAaKZKDsHiwlti38gbw"
    "NKvB/4BAHGIUfgAY2pI0SIBeCYI0c2ReRIPsyipngaJo8b7ndO8J9zZHD6iER7R/T+x1dR"
    "jImFviPm/zp7MsYY2VYEO2zJDlS5wZczVXZN+HvVUL7yg2FSez4lQePZkk8oWbXGhMvSR0"
    "SQI95Tds+duQSSzG3bA93H1n3ToIn7iiEZC43h3JbDIaXdFwjKWobRH4yMu97IMFqJofIl"
    "Qih7RSYlcpjFqzL11z/KV/hH5/XJ6cnZm3cnZ6KJes1VyekP99EBMK6ggqc/av1Q9ZBDt4"
    "XCOAAV8iSoVwIbjqcoHVlXIoas5Ykc+T/EcfZRzQPaL9gT0g6C1oDYS++5ObCOrj/17kbd"
    "T7fycVPG/rQVbN1RT9Z0VOkyVvrq3c+ynIov2P22V52AL9ejX4D8Ffw+6PcUupTxR0c9MW"
    "g3+r0l3wnOOTUIXRjQCkHkl/owipahQTY5dYy07+cCP2Z+QmGplz+kagMcLGS7+5b+2em8"
    "eXPaOX7z7uztyenp27Pj1UeVrMr7ui6uP8gPLDKq/hcXAV++ZwL6ywl0MoH3JGKwiz/mEG"
    "Gfwu+Gjcgjn4hfT85yEP21O7z8pTt8dXIW+1j6Xk1HVUUB5tARm0kZgAOJ3QHcau0E3s7b"
    "twXwFa0yAVZ1UYTd/TyJ8L/vBv10hAOJ+EaBTQ7+B2zMiqwg3uJWl5mcg6yEIrIb+IC++t"
    "T9LY715c3gIr7Myw4u4kuHVJ7KwL4S0KiXQ10qneOnkIYkCx6g+bSAjmUkamiHZrVNVk07"
    "03gJJPBRASn/Yvn3ebzgwqHQMiHjrRTSEFTmcoaHSLMXOUMXTBFj4nWEuu4p+QwRDjhVBY"
    "KAIGKiI3DNGXCQiWfid/EjFPr9GIvZoFR7pfu7wmLwxtiZsiSL2OqTNK+oF68whTYtkDAe"
    "luWUzqicVjsrq50+kOUJXlRyN0RvtwPSXKbH0feU8R6J0gxN2GvfCKKRN46930b5isJqGG"
    "8G/Q9+87j2EP3EZhPKaRnesRKoBHfN1LId8A5fJyhFnkMyjZjVUZzfdArA/KaTibKsioJs"
    "OYI1pBqHskEOy2wG5P0qQ1uGWFrF5ywd4B6ZTxXI1+KVoDdxI2AH0tuazwmsW0IxtyRi5Q"
    "Bv3fX6V9f9D+fAk78nl93+Ze/mpnd1Dkz519k2su7Jldj9zoFFCYqzhCID9PpdgQF6Hd+F"
    "gwGSVbGV3KFyE2aGOYHp30KezpomXUlzrdsKvxfFdYWmxxarD0e0Az0iVUdkjAlmk0pcIi"
    "a6ATJRsxE5EO7gY5IgDyUMXyGVAdn4GTkYpexpF57s+49DZMOMg4y4RevK7XB5gOrZD3/K"
    "+6XeHP2xEzvhCrg8e2EY3QJ2Q8MKty/kdLAy1wE6BmJXB6vOzpXBzh0sMIPYAVP4hBi4b0"
    "EOpmICi+Ymum8BCKQt6QEy0dvcRulOCFt6Torx8I+oHXXOkDoK/RozKsaaearaV21r3KWt"
    "0R+cUlpCSEhbGSurBnVnNinnsLNq1ObWpzYzn9okyY4oGalf+T25uBlcfpS058Gm5pMkPe"
    "+714oHjSFWJOju4/XtrSxgT3g2kyWf+x/7gy/9c7GOPYlNmtSDHCHHoSmnkNnWgZWANnMV"
    "MnPJCVNBtw6Jab26bnp1xH1ipVmV2v7jYk3aptbSBRKcJQXqJM7vqYPwI/mIlolN6QV2co"
    "AwZ7ESUezAxUoxTcwxgYL42xF3V/ju3WX3qtf6sR9niPee7WAITdRK4TeR+lxqs7JCOH7T"
    "Am4Rsu1PDAhZaAviwcT4iK2dt8HCwZwjoghFhHZMKeETj3dA0Vagb7nymCkmrLb+NMeIrT"
    "5Lu0bUi66ooSujT60EGnfUkgekr0ydZqpSpynnLA5nVVSpsGADPR6apE0JslVliENieoBr"
    "PcAzB/8XGTNK7ZQxRiaeQjvr4CcsGB9lV/LI66FZY3zVu7z+1L159fqk7Z5Li/HErhK3cq"
    "k/TqyWM9EmCXG2d/FKYC3v4gOCdStO3Z6SVvU4LSKrV7Jar2RKBYTMoOOyAx2V1OadOo+y"
    "UB7tFBe1C7EPIUgyFU47zfTw4G1e2/hoVyW7Hc+LweAmMpQX13Hfys+fLnrDV69jO1eGsa"
    "fIAbVLodc8nZZ2haHq6HCX0d0eS/cpx2NsQu9lExabSH07z2JD4i1LxLFIK4nyAYJTQBeI"
    "AUanSB4Wv4JggYkbqO7NEDCmjhtOwn4+AqPAvvKElqsTZGl8ATM3sCojomVrz7wn4h9GSf"
    "Lk+l9uwL3gNcgBpg3xlAEEzQlw6MKPwPdOptoAsuConAGLasNQDQ1DYvzLmIW85o0zCr3u"
    "FAkRFq2yzzA7iSBh7SOwNx+BJ/HXlprXXnvtvV/AtXwGl7ZY18vQ+JCIJvJrEPm6+74kvf"
    "q160tJ1xcdRJkNfXODKLU/TqnFtU7Duwk/920y5FsbLhXTSnBjr6adx4pnQZsCfNhtLVjn"
    "GDkOssDD0k2eMB5jG4uJp1ihLQihaDKjDnebfKByTh6Bb3NsfQOYyZRuD5JtfpMv/E1GcQ"
    "FzAsljiov2jp75Mm/9o7UQ+IsXEI0suGyJ6qBogdBTtMQ9YI8UQds21Jea7cs9LxczOW9o"
    "uOS7kwK77ruTzF1XVuXzYvX/Ekj77RtIILbifxr9VpK7Xt6Za0J2P8eux7vf9vwz185x+1"
    "3hM9fIGlQNaV9UA10E6Axnq0JIZ/ldaahToV5tmdXQDotrwPMAH2OHcYMhRCq5EMSEG8hN"
    "D52sREwQSu+tZIKISOphrt0wVzvahiYy0HfTnjMB1waOuHt+X4c7A5Kn3OEvSEaq+2fJho"
    "PEi7N1XQN+DXU5dHtsEnqlLCDh5GM2kifghjw3ywZ4QNCIin9ehnnkdfjZ6+8gTWbp8Jaw"
    "GUU/0hTTUeIrzrYgRVePkpYkG405oHMVfA/9mBV5vCGPAFgbLDCfyAoEGSVtMCcc20GuTx"
    "uPOQOY55iNNvgA7dtQL9+GfQe9FDgeO9SoF/dzKINtIKFNZAUzEZocPyOjpIdOVGoj0fA1"
    "MvyeHRfA+ew4E+azBLFVG5NVIWtwTFA761R21lkhWSHCKiraQMLZ4DNvqTxV+PAiYjrDXt"
    "WvzoOx/DcXEdReB3Wz8EQ89RTHKZloNyLUQGVtM4fHOQlBApeJKOSls4EE/hkHBnjRVCCR"
    "qVanPCDSvHErQ3vdmZFi/PBq2y9aPmZBw+IZQJQQkGHF6kZDFQUr3VgY4tJ5xbc/HIEhXb"
    "jXlRD0jBwwn8mF13LTdhC0QNLrhS7c8I8UI8g2H3dP3IQhWBpIVF9cxYVQW0aPOH5PUnSC"
    "GafO8gh0vSQj0uoijTJQdYfJBDmyD9nWFk8Uj0HQsbHoh5KiDjra+KKNL/vZcTZsfKmSpk"
    "AnKNAJCuoc14B4aR4YyGjbS2UWKEGs4na+Qa/z2g1EsywuNfFCD0W2Z2jUQdz7Cxq1EzQs"
    "likckidk+Qd+6pzPz86nFGDlIC6UxiUQWii1AORK0UTEysgIvl5/qZm//SyBsm/XK9wvCT"
    "hSPBG4Vmh3qdCqkSkOq9+8SXvTmtgegl3q8GMadAzDjmMYSlKxkJR2Oc6jYsooVZbn+jJr"
    "Q3s4pxKVeK5SpErpCSEJvae9nBXcV9/WPAKIJ5w+MJCLHgSEJletjgHQM0aLS9FPK420BL"
    "XtXNKi2hmm37DIMYASAVJkdWG5TO2kzPBtwCiQ9vel+/tPDJh0tlQhq2xCF4ptyBVP+luq"
    "NN4Ac2mGn0IrNYJ2y0/Tpvl6MZlKF06ue89k3Vam/Zjbqt4vuYFrJfUAuGuxipwoqfpEhJ"
    "qE/ta0nyBAZU0FqNlhLwk9KDLT6qQK3S2JOZynxoL4VblKEBONDGdeMP5Dmlkh52g6U8qI"
    "UjjUTSQzIYngFNhIaBfOA5Uqi4CTgm+ueehbusl2jb609lIv7YXRuZNGrbLtWoFEAy1bm0"
    "9Api4mqeQZGpVs4NHggRwFFvIN1Tds/z3Gmc65SbMOAl7OGRkS313SSKEnkApJI4ef+32V"
    "ItKTvyeDj+eAPiWTQQ57/+5djmSJg/6DTC7LxNbTGw4/36piMROQ48xn3LXU739VdlUSZj"
    "jIRPg57dQhU7NIE90didnWccN2ziSZ4aWwqIBvSFLDmwjySr/Rd4S+Z8XXNelG37wNpffb"
    "KLKXJPzpVvvJzaD/wW8ed7KLom3NHTf3xDQl60TmRI5JNSi2arN2jv0w8EhmihQaHs9ckc"
    "3FE0kzXibkd97dEosJBRPp3gRt6QMlyLKk0g80JcVCMZEN0+s8I+omzXd1oNg7MZ1mE3E5"
    "ecq6mIRltrSuN8mDx02cVhbkqNTubB6tkvp6nXx5bKG6zcW6WwbnsEwTlJRtU5jVtlMF7F"
    "RhjfrLqDvUrkz+fdkdriG+SlKG93++6w3PgZS8J92rT9f9c9dVQfD/L31ZRRckeZVWkeEo"
    "citQ9p1AiRuBvMspDKH8pKgueZf3xST1FX4vXOEXQR0Skkbo8wFfCWmsS2Ctby/JXlmaFV"
    "cUuenMjQOvMOpRST3qdRn1lKOFRJLTPUVx1Dg92ZZSi2Tbm3TG2U1mnH05hYufR7ag81Lh"
    "BC61mtPrZ28RbwD6n29uYs5Ka5k/02ZjihU0Y9JmG0PTPpxiNtEu8E2uintIx2h5Ja60cE"
    "LvfiEATZPOCW+DBcQy/YlKjfJK/Cc9pi11FdHPQX6VhA11O4/QLk31cmlSYyqUoLKGvrhc"
    "A92btmLs+xvfotm9vR0OfpUeDmJFdOhzljPEZbd/2btRPhOmRMG26+IIQcXfYoglLivje8"
    "4BUEJ0IyecdViaduxFr1l+9oAcJt8rwvI9faLCqEcltb9gfUh99iiXTccUlWuQ78jOI5R2"
    "nFq/bqhvX/+rb/qRPSK9ee8FqWWVjnQMCTUp0G4Hi0hOOF66qlw6Fq/k3Uh1G4qidq3QFE"
    "yPwEuuJRsAVyd7zgttDHEPUbfuFXSRxA0NgbvcDWolja9fZNKiOwJnbEJTza7RBu08g6tK"
    "gGSwcNvC94H9xMAYP86Fuitz7EnvUhlXChhUaSimbbBwMOdI5qGwl2AxET+pRHyea75Ayr"
    "N5Kh9UlYP6ET8jN79FivV1B0+9J6uHKGSYzBfo5tuQTxGdT7CpsmgvJqJGZkqR6QahjZma"
    "5vJqMosVvqQ+8hUKPvZV5hqU/9+5m+2BWH337GWrddWd6Kp+eHq5xBAxqSYprBsL/ClvLW"
    "qsbbBJZiL/CnVOLZhiKSp0/fpKVidCLHLZ/QKhlAy0hZD2RTXQRYDOuLuiENJZ11hoqFOh"
    "hrZt+Kt5BbTD4hrwOOA1CVzsIkcwmFYKa/Rq2nl0EQZtXqKJ2eBqj5d6ebwIeutfBl6U04"
    "REGshotnODsPioSiDsNW8guq+Pi9wbLFpl+6EcJ7Yw8USOSKnLgkIi+rqgktcF7XUz+/F/"
    "eMM0+w=="
)
