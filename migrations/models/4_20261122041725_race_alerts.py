from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Written by migrations/make_migration.py: aerich's SQL for each engine we run on.

POSTGRES_UPGRADE = """
ALTER TABLE "telegram_user" ADD "notify_final_day" BOOL NOT NULL DEFAULT True;
        ALTER TABLE "telegram_user" ADD "notify_overtaken" BOOL NOT NULL DEFAULT True;
        ALTER TABLE "telegram_user" ADD "notify_paid_places" BOOL NOT NULL DEFAULT True;"""

POSTGRES_DOWNGRADE = """
ALTER TABLE "telegram_user" DROP COLUMN "notify_final_day";
ALTER TABLE "telegram_user" DROP COLUMN "notify_overtaken";
ALTER TABLE "telegram_user" DROP COLUMN "notify_paid_places";"""

SQLITE_UPGRADE = """
ALTER TABLE "telegram_user" ADD "notify_final_day" INT NOT NULL DEFAULT 1;
        ALTER TABLE "telegram_user" ADD "notify_paid_places" INT NOT NULL DEFAULT 1;
        ALTER TABLE "telegram_user" ADD "notify_overtaken" INT NOT NULL DEFAULT 1;"""

SQLITE_DOWNGRADE = """
ALTER TABLE "telegram_user" DROP COLUMN "notify_final_day";
ALTER TABLE "telegram_user" DROP COLUMN "notify_paid_places";
ALTER TABLE "telegram_user" DROP COLUMN "notify_overtaken";"""

SQL = {
    "postgres": (POSTGRES_UPGRADE, POSTGRES_DOWNGRADE),
    "sqlite": (SQLITE_UPGRADE, SQLITE_DOWNGRADE),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXVtz2zYW/isYvTSd0Xocx0m83ifZVlI3juSRlabTOMPAJGRhTQEsAVlRu/nvC4CkeK"
    "dJWheKxUNTG8AB6e+AwLnj786MWshmB725hXmfcHfZOQV/dwicIfFDRm8XdKDjhH2ygcM7"
    "Ww2Hcpxh03s17I5xF5pcdEygzZBoshAzXexwTIkcPiQIQGuGCRDDRNspWExpV/wDeRdQ4v"
    "/ApwgwDjkCd2hCXUFCLAAnHLlyKCIH8mEWNcXTMLlf87xzgv+cI4PTeyTGu2L2L19FMyYW"
    "+o5Y8KvzYEwwsq0YdtiSE6h2gy8d1XZJ+Ds1UL7ynWFSez4j4WBnyaeUrEZjwmXrPSLIFe"
    "8pp+fuXAJJ5rbtgx5g671pOMR7xQiNhSZwbkt2SGrvBcK2jmEMhmPjpj82jE6KVQFFBGW/"
    "yaREslm8KlN//b18hX8dvTx+e3zy6s3xiRiiXnPV8vaH9+gQGI9QwTMYd36ofsihN0JhHI"
    "IKeRrUC4ENxzOUjaxHkUDW8kkOgh+SOAeoFgEdNOwIaRdBa0jspf/cAljHlx/7N+Pex2v5"
    "uBljf9oKtt64L3uOVOsy0frizc+ynYov2Pu2V5OAz5fjX4D8FfwxHPQVupTxe1c9MRw3/q"
    "Mj3wnOOTUIXRjQikAUtAYwipERJpucukbW93OG73M/oSjV0x9SPQaHG9n2vqV/Hx29evX2"
    "6PDVm5PXx2/fvj45XH1U6a6ir+vs8r38wGJcDb64GPjyPVPQn0+hmwu8T5GAXfwx+wj7DH"
    "43bETu+VT8enxSgOhvvdH5L73Ri+OTxMcy8HuOVFccYA5dcZhUATik2B7Anc5W4D16/boE"
    "vmJULsCqL46wd56nEf71ZjjIRjikSB4U2OTgf8DGrMwO4m9uTVnJBchKKGKnQQDoi4+935"
    "NYn18Nz5LbvJzgLLl1SOGpCuwrAo16NdSl0Dl5iEhIsuEOmg8L6FpGqoce0byx6a7Z0SzZ"
    "Agm8V0DKv1j+fb5ecOZSaJmQ8U6G0hB2FuoMd7FhT+oMPTBDjInXEeK6L+QzRDjgVDUIBQ"
    "QREx2AS86Ai0zsiN/Fj1DI9xMsVoMS7ZXs7xEL5k2wO2NpLWKjT9J6RbP0ClNI0wIJ425Z"
    "TeiM02mxs7bYGQBZXcGLU25H0dsuQ9qr6XH0PYPfY9GaIwn741uhaBTxsf/7uFhQWLHxaj"
    "h4HwxPSg/xT8yZUk6r6B0rglpwN0ws24LeEcgElZTnCE0rVnUc51dHJWB+dZSLsuyKg2y5"
    "QmvINA7lgxylWQ/IuxWGNgyxtIrPWTbAfTKfKZAvxStBf+HGwA6pN7WeU1h3hGBuScSqAd"
    "656Q8uLgfvT4FPf0vOe4Pz/tVV/+IUmPKvs21k3ZILcfqdAosSlNQSyjDo5ZsSDHqZPIVD"
    "BsmuxE7uUnkIM8OcwuxvoUhmzaKuJbk2bYffieC6QtPXFuuzIz6B5khdjkwwwWxaS5dIkK"
    "5BmWgYR/ZEdwgwSSkPFQxfEZEB2fgRuRhlnGlnPu27DyNkwxxHRtKideFNuNxD8exHsOSD"
    "Vn+N/tiKnXAFXJG9MIpuCbuhYUXHlwo6WJnrAJ0AcaqD1WSnymDnMQs4ELtgBh8QA7cdyM"
    "FMLGAx3ES3HQCBtCXdQSZmm9soOwhhQ8/JMB5+idtR5wwpV+jXhFExMcwX1b5qW+M2bY0B"
    "cypJCREibWWsLRo0XbPJ8MM69VSb60C1cQLVJq3siJax+pXfkrOr4fkHqfbc2dR8kErPu9"
    "6l0oMmECsl6ObD5fW1bGAP2HFky6fBh8Hw8+BU7GMP4pAmzVCOkOvSDC9kvnVgRaDNXKXM"
    "XHLB1JCtI2Rarm6aXB0Ln1hJVpWO/yRZm46pZ8kCKZ0lA+o0zu+oi/A9+YCWqUPpCe1kD2"
    "HO00pEswsXK8E0tcYECuJvR9zb4Xs3572LfufHboIh3vm2gxE0USdDv4n1F6o2KyuEGwwt"
    "ERYhx/7EgKCFtlA8mOCPONp5FyxczDkiSqGIqR0zSvjU1zugGCvQtzx6zJQmrI7+rMCIjT"
    "5Lh0Y0S11RrKsiT60IWudqKQIyEKbe5opSbzP8LC5ndUSpKGELIx7aJE0JZasOiyNkmsGN"
    "ZrDj4r+Q4VBqZ/AYmXgG7TzHT5QwyWWP8sCfoV08vuifX37sXb14edz1/NKCn9gT4lYh9Y"
    "ep3dIRY9IQ50cXrwieFV28R7BuJKjbF9LqutNitHona/ROpkRAyAw6qcroOKU27zSZy0J4"
    "tDNC1M7EOYQgyRU47SzTw51/eG3io121bJefZ8PhVYyVZ5fJ2MpPH8/6oxcvEydXjrGnjI"
    "PaU6Gf6Z2WdoWRmmh/t9HtuqUHlOMJNqH/simLTay/W2SxIcmRFfJYpJVExQDBGaALxACj"
    "MySdxS8gWGDiJar7KwRMqOulk7CfD8A4tK88oOXKgyyNL8DxEqtyMlo29sxbIv5hlKQ91/"
    "/xEu6FXoNcYNoQzxhA0JwCly6CDHzfM9UFkIWucgYsqg1DDTQMCf5XMQv5w1tnFHp5VCZF"
    "WIzK92EepZKEdYzAzmIEHsRfW2ld++N19H6J0HIHLm2xr1dR4yMkWpF/hiLf9NiXdFS/Dn"
    "2pGPqikyjzoW9vEqWOx6m0uTaJveuIc9+khnxtw6XStFK6sd/TLdKKnXBMCX3YGy20zgly"
    "XWSBu6VXPGEywTYWC09phbZQCMUQh7rcG/KeyjV5AL7NsfUNYCZLut1JbfObfOFvMosLmF"
    "NI7jNCtLf0zKf11i+dhcBfvIAYZMFlR3SHTQuEHuItnoM91gRt21Bfan4s97xazuS8pemS"
    "b45LnLpvjnNPXdlVrBer/1dAOhjfQgViI/Gn8W8lfeoV+VxTtLtxux5u/9gLfK5Hh903pX"
    "2usT2oHtIBqQa6DNA5wValkM6Lu9JQZ0K9OjLroR0l14AXAT7BLuMGQ4jUCiFIELdQN913"
    "ZSVmglByby0TRIxSs7lxbK7n2oYmMtB3054zAdcaXNz9YK79XQFpL3f0C5KZ6oEv2XCReH"
    "H23NCA3yJTjrwZ24ReJQtItPiYjaQH3JB+s3yAhwSNqfjnaZjH/oSf/Pn20mSWDW8Fm1H8"
    "I80wHaW+4nwLUnz3qGhJstGEAzpXyfcwyFmR7g3pAmBdsMB8KjsQZJR0wZxwbIe1Pm084Q"
    "xgXmA2WuMDdGxDs2Ibdp30UsI9tq9ZL97nUAXbkEKbyEpWIjQ5fkRGxQidONVasuEbZPg9"
    "OSyB88lhLswnKcVWHUxWjarBCUIdrFM7WGeFZI0MqzhpCxXOFvu8pfBU48OLkekKe3W/Oh"
    "/G6t9cjFBHHTTNwhOL1FM6TsVCuzGiFgpr63EeFxQECUMm4pBXrgYSxmfsGeBlS4HEllqT"
    "6oBI88a1TO31VkaG8cPv7T5p+XDCgeUrgCgiINOK1Y2GKgtWhrEwxGXwSmB/OAAjuvCuKy"
    "HoEblg7siN1/LKdhC0QDLqhS689I8MI8gmH3dLvIIhWBpI1Fxc5YVQW2aPuMFMknSKGafu"
    "8gD0/CIj0uoijTJQTYfJFLlyDjnWFk8Uj0HQtbGYh5KyATra+KKNL7s5cdZsfKlTpkAXKN"
    "AFCpqc14B4ZT0wpNG2l9paoASxTtj5GqPOG8eIdllcGhKFHslsz5Gow7z3JyRqNxxYrlI4"
    "JA/IChx+ys8XVOdTArAKEBdC4xIIKZRaAHIlaCJi5VQEf958mZW/gyqBcm4vKjxoCXWkZC"
    "FwLdBuU6BVnCkPazC8TWfTM7HdB7vU/uc06ByGLecwVFTFIlQ65LhIFVNGqap6bkDzbGj3"
    "xytRS89VglQlOSFCoc+0p6uCB+LbM10AyYLTewZyWUdAZHE1yg2AHjFanIt5OllKS9jbLV"
    "Ra1DjDDAaWcQMoEiBJVheWy9JOygzfBYwCaX9fer//xIBJnaVKWWVTulDahtzxZLylKuMN"
    "MJdm+Bm0MjNoN/w0bZpvliZT68LJ594z2bSdaTfmtrr3S67hWknNAG8vVpkTFUWfGFGb0N"
    "+Y9BMmqDxTAGp32ktKDoqttCaJQjdLYo7mmbkgQVehEMTEIMOdl8z/kGZWyDmaOUoYUQKH"
    "uonEEZQIzoCNhHTh3lEpsgg4KfjmmYe+ZZtsnzGXll6aJb0wOnezVKt8u1ZI0ULL1voLkK"
    "mLSWpFhsYpW+ga3BNXYKnYUH3D9j+Dz3TOTZrnCHi6ZmSEfHtFI4WcQGoUjRx9GgxUiUif"
    "/pYMP5wC+pAuBjnq/9o/H8sWF/0XmVy2iaOnPxp9ulbNYiUg15073LPU735X9kQSZrjIRP"
    "gxy+uQK1lkkW5PidmUu2EzPklm+CUsauAbodTwppK8sm/0HaPvefl1bbrRt+hA6f8+jp0l"
    "qXi61XlyNRy8D4Yng+ziaFtz16s9McuoOpG7kBNULcqtWq+dYzcaeKwyRYYanqxcka+Lp4"
    "pmPK2Q3/h3SyymFExleBO0ZQyUUJalKn1HM0oslCNZs3pdZERdp/muCSr2Vkyn+Yq4XDxV"
    "Q0yiNBva19sUweMVTqsKcpxqezaPTkV5vUmxPLYQ3eZi362Cc5SmDULKplWY1bFTB+xMYo"
    "3606i71K6t/Ae0W9xDApGkit7/6aY/OgWS8pb0Lj5eDk69UAWh/38eyC66IOmrtMqwo8yt"
    "QPl3AqVuBPIvpzCE8JMhuhRd3peg1Ff4PXGFXwx1SEiWQl8M+IpIY10Ba3WJ3tKgj8jl8A"
    "FllIgqRD2LfIv4B7LjvsPvQGwZjg1NlFV0sgQDEhNoFlRmgbo22cgsbl+GATFyDX95+PX1"
    "SfmiTbsSG2NXLXqFKGpwPU6pud4Urmf4NlNVlneURtbg+ogbqm2Ub/DWJa/XWfL66RpSQS"
    "HrktGTpStINWpNl42WzC8fJd4ADD5dXSWiJZ/lf8lajRlumJxFm++NyfpwyjlleiDw+Sjj"
    "h8zMkHdySxcL9C84A9A06ZzwLlhALOsvqdpML8R/MmXDUneh/RwWeEo5cTbzCB1T2ayYSs"
    "VTIQRV9TQk6VoYX7kRb8M/+Brf3vX1aPibDLESO6JLH/Oisc57g/P+lQraMiUKtt2USCwq"
    "/hZDbHF5V04UeKBTpGsJsWjC1rTlNB6t5eczZD/1vTJavi9P1OB6nFIHLDdHqc/nctV6cH"
    "G6FgWvbT1Fcst3ezQN9c3Lf82tf7RDpNcfPiWlrMqp1hGiNmX6bmETKcgHzhaVKycDV7yc"
    "rWmsKGvXiizB7BTg9F6yBnB1tfmi3OqI7iH6nnsHZqxyTEvgrnaFY0Xj62dZNe2GQIdNaa"
    "bZNT6gW2RwVRXYDBYdW/pCwp8YmOD7uRB3ZZFPGd4uE9sBg6oOzqwLFi7mHMlCOPYSLKbi"
    "J1UJ1M8NEkj5Nk8VBK+K4N/jR+QV2Mmwvm7hqbdk9RCFDJMFS72CP/IpYvIpNlUZ/8VU9M"
    "hSTUCFJ2Cmlrm8G9FiJe26X+JfodDHvspip/L/W4/z3xOr747D/LWsuhVZNaiPUa0yTYKq"
    "TQLr2jIPq1uLWmsbbJOZyK+jKg6bzCC7MjVYQ1pdibWoWGgA1wKhjBLYpZAOSDXQZYDOuT"
    "ynFNJ59+hoqDOhhrZtBLt5DbSj5BrwJOANyZzuIVdoMJ0MrdHv6RapizAc85SamA+ujnhp"
    "VsSLUG8ZrubliJC0UKPZzBXm4qOqgLA/vIXovjwsc3G5GJUfh3KYOsLEEzkilW4ri5Do+8"
    "oq3le208Psx/8BOwaoSg=="
)
