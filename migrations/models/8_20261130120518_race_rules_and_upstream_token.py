from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Written by migrations/make_migration.py: aerich's SQL for each engine we run on.

POSTGRES_UPGRADE = """
CREATE TABLE IF NOT EXISTS "race_rules" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "month" VARCHAR(7) NOT NULL,
    "text" TEXT NOT NULL,
    "set_by" BIGINT NOT NULL,
    "set_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_race_rules_month_70b3b8" ON "race_rules" ("month");
COMMENT ON TABLE "race_rules" IS 'A race''s rules as an admin wrote them (/setrules). Rows are never updated: the newest row for a month';
        CREATE TABLE IF NOT EXISTS "upstream_token" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "ciphertext" TEXT,
    "expires_at" TIMESTAMPTZ,
    "set_by" BIGINT NOT NULL,
    "set_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "upstream_token" IS 'The Goated bearer token an owner sent with /token, encrypted. Rows are never updated: the newest row';"""

POSTGRES_DOWNGRADE = """
DROP TABLE IF EXISTS "upstream_token";
DROP TABLE IF EXISTS "race_rules";"""

SQLITE_UPGRADE = """
CREATE TABLE IF NOT EXISTS "race_rules" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "month" VARCHAR(7) NOT NULL,
    "text" TEXT NOT NULL,
    "set_by" BIGINT NOT NULL,
    "set_at" TIMESTAMP NOT NULL
) /* A race's rules as an admin wrote them (\\/setrules). Rows are never updated: the newest row for a month */;
CREATE INDEX IF NOT EXISTS "idx_race_rules_month_70b3b8" ON "race_rules" ("month");
        CREATE TABLE IF NOT EXISTS "upstream_token" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "ciphertext" TEXT,
    "expires_at" TIMESTAMP,
    "set_by" BIGINT NOT NULL,
    "set_at" TIMESTAMP NOT NULL
) /* The Goated bearer token an owner sent with \\/token, encrypted. Rows are never updated: the newest row */;"""

SQLITE_DOWNGRADE = """
DROP TABLE IF EXISTS "upstream_token";
DROP TABLE IF EXISTS "race_rules";"""

SQL = {
    "postgres": (POSTGRES_UPGRADE, POSTGRES_DOWNGRADE),
    "sqlite": (SQLITE_UPGRADE, SQLITE_DOWNGRADE),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXW1z2za2/isYfWkyo5s6Tpr4uveL7SipG0fy2Erb2ahDwyRkcU0BWpKKot3Nf7844D"
    "sJ0gQtyRSDD00tEoeUHpDAOc95+09vzizieC9OlpbtD6jvrnvH6D89iueE/yE520c9vFgk"
    "5+CAj28dMRzDOMNhd2LYree72PT5iSl2PMIPWcQzXXvh24zC8BElCFtzmyI+jB87RqsZ6/"
    "N/sN9HjIZ/+DOCPB/7BN2SKXO5CLUQnvrEhaGEvoCbWczkd7Pp3Yavu6T2v5bE8Nkd4eNd"
    "fvUvf/PDNrXIN+JFHxf3xtQmjpXBzrbgAuK44a8X4tg59d+LgfCVbw2TOcs5TQYv1v6M0X"
    "i0TX04ekcocfn3hMv77hKApEvHCUGPsA2+aTIk+IopGYtM8dKB6QDp4Askx3qGMRyNjevB"
    "2DB6hamKJFIoh4dMRmGa+Vf1xK+/g6/wP4cvX799ffTqzesjPkR8zfjI2+/BrRNgAkEBz3"
    "Dc+y7OYx8HIwTGCajYL4L6jmPj23MiRzaQyCFrhSIvoj/yOEeoVgEdHXgipF2CrRF11uF9"
    "K2Adn38aXI9PPl3C7eae9y9HwHYyHsCZQ3F0nTv67M1zOM74Gxy82/FF0J/n498QfET/GA"
    "0HAl3m+XeuuGMybvyPHnwnvPSZQdnKwFYKouhoBCMfmZpk02euIXt/Tu270lcoLfXwi9Rs"
    "gpOFbHfv0v8eHr569fbw4NWbo19ev337y9FB/FIVT1W9XafnH+AFy8xq9MZlwIfvWYD+bI"
    "bdUuBDiRzs/MfsI+xz/M1wCL3zZ/zj66MKRP84uTr77eTq2euj3MsyDM8cilNZgH3s8s1E"
    "BeBEYncA93o7gffwl19q4MtHlQIszmURDvbzIsK/X4+GcoQTifxGYZs++i9ybK/OChIubm"
    "15kiuQBSgyu0EE6LNPJ3/lsT67GJ3ml3m4wGl+6QDlSQX2WECjroY6KJ3T+5SGBAdusXm/"
    "wq5lFM6wQ1Y2tnhqfjjPH8EU3wkg4RfD7wvtglNGl96Zg+15T2I1pM5WWg23MM4w44G17A"
    "YxHC2Ii0x+RfHHmDjkzsVztPT4J9Dm4egHBk8OtwRMtqT+MQoeE7TAtuvJTYfNXVpiPXwJ"
    "fq44y6/V4/imDi0cvCZCiflbmxlPaGYk86CwTWeEOqgKvXldY6t+87p0p4ZT2Q1DvGnEMt"
    "Stuqzkbqy73ULfXfMuWO+V1q20SJdsu0cuYAmmsJcoW8wpoS6BugODuaB/5Z7u4jy85/aF"
    "fUc/krWYi3P+xTE1ZSZHRnvif+/hRHyPnrToaLIyuHgVKzGZ15ojwH838YNN9uT67OTdoF"
    "d4xjcAbKTLfQ4v11FsUy+3HNqnNBngsS61GMJn/kGDIRr3oL1wgoREqM4LLc0LtXybop/F"
    "yWPhD/CZjx1k4gWaMf5r0C0xMQcS3YjR3g1ifEdGdy5beXy8y5Z3M4QLRsSW7zehfPItG3"
    "4dF/58CXs6ehZIoP9DoLMFH57D7YSbg8PMHxJMvYCrQ9gTx8WwnzzEr6+9HS00Q6JHvK4F"
    "Eo3XxkcN48MlsJqpwJtIdBDgrTCxyVqksDpkhbqkmW5M3VfG9CnwPNgTMMm3hc2t2wYsRF"
    "aygyzEnrAOESaVtMPcpsaKK6WuMWeUL3nFuSamPcdOyaJUlM7PdyD+IrxMpxwX7wZn559O"
    "Lp4dHvSDKeQTawf2ROwDPSiwey6B327crtVoiaxcl9b/HbvyIyAb0KsZyQ4ubB2mV02HeQ"
    "059ZTgBuZ8f5a3Nk1x6V6m4PMtelika3Ao+/7jFXFwSQyP1Je7Zy97GWX2fatEl8uwZWLP"
    "78mIrvhkv5LoygyrwXPNiefxr4MwDQNgPUJ95DNxYGnZhJrkBTr3PeRyLWXBP/M/sUvQ1O"
    "bzIsJeBTEUCHPAprY7l7jJt3onzUK1jIXSepzW49o6Id3V43zyTTLfY360JEo0HN8JbrJq"
    "Hgd/jTNTWAiii6fxYjT8EA3PR9ZlX7HFjPlMhQuOBRrB3TLVeAdMcKQTqGCclunEU53F+d"
    "VhDZhfHZaiDKeyIFsunvqKUWtpmc2A/LTK0JYhhowxWXwHADygy3khCCEDdiK9ree5gHWP"
    "K+YWIKYGeO96MHx3PvxwjEL5CT07GZ4NLi4G746RCb/OcYg1oe/47neMLEZJ3kqoM0Ev39"
    "SYoJf5XTiZIDiVW8ldBpuwZ5gzLH8XqnRWmXQjzbVtK/yTKK4xmqG12Hw6shfQM9J0RqY2"
    "tb1ZI1siJ6oJwk4QhBZx7K/EtYlkT1MiCCOq6l1wwfUeqmdPyxPGwFXxhWl0a/CGhpUeXy"
    "uxJqbrEJsivquj+GJByFoqyQXN8T3x0KSHfTTnDzAfbpJJD2EEXNIt9vjVlg6RZ9ls6T7y"
    "lJs0jxoFRuYzbHLDQlXtb8017pJr1HHsT6YatN2yKU5Bb9HMtLmMTJtFZNoUjR1+ZCw++h"
    "N6ejE6+whmz63DzHswet6fnAs7aIptYQRdfzy/vIQD3r29WMCRz8OPw9GfQ0gKvOebNG2H"
    "cURcl0li6MvZgVhA01y1aC54YBro1ikxrVe3Ta/O5K7FmpVa/lpOrEvb1KN0gapEqrQ29t"
    "hkqvS19gzm2slUuWesTVk/fINxYOElPYlxk5ysNGrMzLAHbZnfbJ8bCHM+FfbCsYkLhb8w"
    "uuO3Pg6CDjzE7+WyrwTxxRcMYLRcQADDDewSK5vyh8S76SOCzRkKPiJuU3AptHDtfxOR3V"
    "M0bXZz2wm9iYZKU4RQMUOojzwWJP3E2UZL/kBDkQNqLl0XLLHgm3E8dRxGC20jeIhUdLdo"
    "fAddZ5vPBkreWInuVhkYnhF8dEx423CvERT+8rB/WDsoHOLob2Xlrx6Mvr+VlsD6IRA+PF"
    "BAWGwTivjGMhrdh57fZJdW2OJyUlr9l/BP6qg+CaL7ktVmEWw5NpWtBJVURFqugwGDXSIj"
    "0hAUZrk8UDAn1gn1cNfxgjomWsdEt3ZCuhsTrXPburmrNQpdCfkzyQKsELcSk49xe4M9e9"
    "tLg1YKNqGomPRIuC7hQh2rSrbV8J7c81VFf9dosBFz4AaJB9dICwxqUP3kiTgbIQmVoTCK"
    "L3fMP4TVbG+Jj7j+f99HYPxb/AhE26DbdZzqJ0sH3MIdpJE8GSdAUkA3c1gX0W0HX62L6O"
    "6Eueavk7F0HRWQUyIdhPiXg4MaGPNRpSCLc/sVHVXM+9hYcNTJ5eXV6A+Ibgo9l9aEXg1+"
    "H5yN4ZhL/klM+OYNZmrzAU7c9PHUupckEt0Lcdr8YhPu2Mq8R1ZO5280pT0iHNUt4KykNo"
    "HbZgJrcqvea9dhcis27pTMkbxYl0hlXR9/P7esirDOjKn+yLDOTOTgnk1G3bDO/Out6+Rv"
    "Ft9d1cmXkbHlXOyIkjHj/2yWkW2nyiYnZBU41vdhZvIVNklPwrBmzver+NU4x9mNhtZgV2"
    "HsTx7istjh5rDHMUIe8fto5dq+T6igNzNJjaKEbJjViPlYiNYN5G1PTLdILJLxrFu9lw74"
    "bReBWlKnuJzLKCtNvP+FXKqAjIiMt6U8xlsJm+f6TSp+ZwQ7aF7tiTlVy4om1GpU1D0R0x"
    "Pc6gkOFKkFYxLnx8PhzrHgjxjz/PK1Qsyzt+BjihCX9/WNBR7V13ePYN1KO+VQSWtarCcj"
    "q1eyVq9kQgXEnsGmyrR+RlLT+m2eZa48OjKbn+9DBNNShdORkTS34ea1jZc2PrLb+TwdjS"
    "4yU3l6no/E/vzpdHD17GVu5yrhHOvEEAYm9COD4oBXuBIX2t9ldLdRcUPm21PbxOGXLTA2"
    "mfP9KsaG5kcqVMkHlkRUGMRzxFbEQx6bEwhge4Yh9bovBoRPCJoyN0zgfv4CjRN+5Z6s4/"
    "pUIo5tEdClJfXyt3bPCeX/eIwW62L9GvSAJEG2d9AmUqSXu2yFbgm/CYnq3vShM2RcSMBD"
    "FtPEUAuJIT7/KrRQOLxzpNDLw6M68UOHR+UBRHBOewpbEtxyz3+t0nMdju9gDOPmC1cv8N"
    "rh67qKGZ8S0Yb8Iwz5Hzh29EcprKcjtsqh727Elq72p7S4tml6SwkbBRphmxbypciD6Uls"
    "4/BMv8oqXiRjaqeHcatzSlwXErTWQWu26dR2bP7gCavQ4QYhH7Jgrh8MCbK5XqCbpW3dIJ"
    "tbsuL2v6Ib+MI30CMC0r/onaRK2o7u+bDd+qUnmvry9ddnFl4H2WTRoRUh99kjgYM9cwg7"
    "jiHe1PJK0Uu1FKhlR5uxbCobodwupooV0qLxHTQgtlLdNvuuFHe9Kp9rQfZp3K7bKt9Tw+"
    "eq1Dw7swY1QzoS1UDXAbpJU/iCrIa6DtTxltkM7bS4BrwK8Knter7hEUIbhRDkhDtom+67"
    "sZJLH+J6byMKIiOpp7l109zMtY1NYpBvprP0OFwbcHEPomvt7xNQXSUH+mBFvmTDJfyLe4"
    "8NDfgjdcmr4IpdRU9sz8bCZWz6SND+hCtdwoW6hFXDbCE/TMMy5Gld6glDinld7aQXH50z"
    "lKRNySi2dE5VBcuWSeR6mGmDCA4IOoaOZ6IWV1zwCE1t6KYaBHwkRZN+DeI07hgf6jOUtD"
    "8jcSmOoNhSkWHb8r10REi7IkLk2YTlzFc0voPM11aiQnRu/vZy88WqooZrWmQjxWT2fnHQ"
    "Gfc7zrhXcQvmnvXiPETam+os1C1a2qrHve48pF/yGnPwKHdr1r6VqIQFA7hcLcwa3opOWI"
    "dMudK1FF1xcZTuDc8DRM94fbSyfejvFFQt66Ml9W0nUe0ce+p7yPYrPK4bvIFWAtulBD51"
    "vniNyLKdaYEbThjfeV3Btm2eO/Au8wXS/koMxeD2rNRGaji2KGbiqE4p06PySqZHBZ+Q2J"
    "ialHDMCXbJlNlxnHuMZIPiBFnRDvpqOhwuCspTgxcvI6ZLpzZ960IY1d+5jKAO2G2bczST"
    "5KJLzhd1iM3EXVYQTEm08SPZpSS0ec8Ar0tpZB61NjXoBnpDeL2CJ0NCfoRn+w8yH4tkYP"
    "3ieUFva+GwwtRCooAMRIB7xM80BkFX0OcauwRR8pW4aLmAhdcKKt5RsiIQMM5WgXNLQoJs"
    "83YTGtTas4EgEdfyRUo1cyDx2o2uBKIz2/OZu36BTsL6fMC6ACmDxeVsOiMuXAPGOvyO/D"
    "YEu2E/8bqx7Zp80eTL0+w4GyZfmlT40rW9dG2vNqcEE1/ZDkxkNPfS2AoEEJtkbG4wYbN1"
    "E9EtxqUlCZypolAlGnVSMuoBjdpNBj6oUY8o4UouvSdW5PATfr6osLVQgEVuJVca14hroc"
    "yCWC9QNAm1in7DDVxP2sgvKrAN1w4SKqMjun1fOxRaMTP1YY2Gd2lv2liIU3t5qf1PB9bp"
    "vztO/1U0xVJSOluvyhQTpJSqnRvJPBra/fFKNLJzhSKlpCekJPSe9nCUaaS+PdIFkO/Vsm"
    "cg13UEpB6utrkBrpZOuRcgONl/2GSJx9X3AQgZMCXiaMOVy3xBmM/Rs5+5DS5GPFdj5VHM"
    "s8pdAdu864SGvgCffPO1I+DHsJu0I2BrjgB4jYrIjvlRObLR+E4o+FW03OCvcTVFHbNyF6"
    "Phh2h4nrfWFLWmqNs5EXtCSZfGKLWFkyZfbbI649eR6nfJ2WoFT4wzzGhgHQ1PiCAQEaVf"
    "IcNYZBaDwtVHHkOgUq2Dz1wpM9liLYr5eTOuBYHyAwYtpNOIBodcp4Ioizm2pLUFt3w3rX"
    "C1S+EyZ9hXrtieEtJbVeOtKuxqoYx+Vk5PQOMJCKvUKDJbGaEuob81cisp3fNIfqvbBYH6"
    "eZor86S1iem6XlPzailN9Y1OVSpBHh9kuMua6b3gRce+T+YLoYwIhUP0aF5wSYLnyCFcu3"
    "BvGagsHE6GbgLv343cI/+Ia2ntpV3ai8eWrow5L+eLEolO8Brbbs0gWjY3SvzJSmqzunVm"
    "da5bqnAcNWuWmhbVKV5tnme29E1WFufxcDedlPju2ulwPYE2aKdz9Xk4FM1zQvkJHX08Ru"
    "y+2CbnavD74GwMR1zyT2L6cIxvPYOrq8+X4jB/EojrLhd+EIjx9KtyoJJ4hktMYn+VBZWU"
    "ahYy0d0ZMduKJtlOyJlnhMV9G+CbktTwFnL4XZdJUh7LfVGxwEZKVLR4Q9mGL8paukFV3r"
    "mktGzpg5yT6lDq/MYeY+F7hgBzItGaKhtT5yR1e+rNtafeJu+Rqf4rIT/y1YHLGZBCYeKH"
    "aZDrsNfxasbQDHIGsAOJBT4TBMYtk9QtqyeyYVKjirreJGnaBmJjJ4R1Of0BD49q3HZaZk"
    "u7aZfC4oNGHqogZ6V2xzT1FK2kNgXIO1xhXmJZodVynNMyXVANt204xttOE7Clwhr1h1F3"
    "uSbYlHKJZHe4hkQqiQrb8vl6cHWMQHJCT959Oh8eBwEiEzr6cwin2IqGV1Ut4ldjNsqrkR"
    "dqkYfNkg2u/Cjq7DlJrbM/oLNnUMeUymiUasBjIY21AtaU+fZ0bbCvxPXxPZHUXa1EXSa+"
    "Q/wj3XHf4V9g2zIWDjaJrJ9PjQnIXUBPgfIUTG2KHUPabLXOBGTENfzK8MedABq+AFl5PQ"
    "H1J8B0CW7mtM9KdtBp37FyLelZD1PqGsx6VlLPeltmXeLSLzQOfKLiGC2u+r6liq3lHoeU"
    "mcPo0jNMB9syV5tKF8dTuNIZXGgPX7eyANfsJhU3CoJWNbZUS1AATLmrz16CppusPgY93W"
    "S1Gqui6/ThMtWKzbdqF6lu1QZTN2K/vEI1/wZo+PniYpNttz6HMetjBjSNxB2dHdCv8kdH"
    "8e+GH4+t1ZH1A4MpRLcEu8RFQhhqQQi2N0gfFC2xfhZn+ohQ011DHF3dghB5xngnNxWVJ+"
    "BQcGmbArH9a1hVIqoxYdqLGXEhSR7NuSnroUmPqxL82takh55RFgg/12kDLUwbSOauCG55"
    "EFpWqguOr11HopFvC5ubPo1a96QldZB5eyzSIhGha1/o2hdtmYh9f69aEvgoMxIlCmeJLV"
    "mudsrs2XrK5wmKgi1F1AEUogC2BGIbcaQgYtNkS+r30Qrb0E1EVBd7xv+DChUWaJDr50m7"
    "koKquZ1baF2wZbogzCmxlEP88nIdTCfdSpif52N/KaFf6oVDJdK7S0BbENHeuaeGee9yMH"
    "wnEtBC+Qk9uby8Gv0BGWV8RXTZ17Lks7OT4dngQuSomYCC47Ql8Yzx32LwJS4OW6+v4RVE"
    "N5JR0oalacdanvbulk/Ifvr56nh3Q32iwaxnJbXp3DYVXzbLquZzVq5DuXo7rwi14071bU"
    "N9+/of+cqfVK7U8Gs68tpn5WDLZDXstWBvbxOVJ0R68+lioNwqF/RLCWn2U2ntLtBj2Zko"
    "ToNyybl8Su+eTUVdz3XqEZQXmiuuJRsAV7esrqrglzL5+LlHRqxk6xN3BG5JxMrmOO9UjI"
    "+E6s5GAJUz3KmYo7rEdtgqUDBEXoFqRkFsgu160Gx7ju+BdYYuF2GrKDS175bcJEF3EK0Q"
    "9OMm3/gtEZ6DvIzn3vIdJ3RCIW7jFnvEsSkJLxhd/ycvvsJqRqg4JQBDwBlB2MaYG6ZQaX"
    "pO0NRl82iEtTR9wcoz815z6y3k1oP5lxAWVV25EqEfsf/0kUJbLkGpmoTKQkCredhYqDMk"
    "7MaK+miK++lpmGijMLDjGBErqbCESOV1/8SqtSSGrKQDUz28y7oxabBzgTp8oWj4bBdkf8"
    "DmlepgN3mqs4Ia5mqYzRkx71UUkURAF8gsRPLtXZAE6D49NXR7o8vB8FgYeRN6cT78CAEP"
    "fBu5hxiIT+fXn07GZ78do7ntzbFvziZ08Nfl+RUMCqKB+aiL0fWYyzDPn9Az/kGETPCPbY"
    "mX0L76JuvP3rltWxTXrqd5e9McrCxNXua0oI7AaPMcaz+p9pPuDGTtJ23LVGg/6f76Sbfu"
    "BLymeOHNmDTlJTug/7Ar0EuPre0NTPnIsCf6sUIPNeRh0XJ13kcr1/Z9Aj1XnXXsRlujsA"
    "0FRz30iQnfmQtp0Hf2VxL0ci31CG71rhMa30Qgw+/hh71l4S784jPbnIGvcDXjZzhOBIma"
    "bLYnfN0Ign29mn6/L9lHjGtifMAX8X8ll+AmipvviVfwiWuba0VsJ4pY1IpRrQlqTqpL2t"
    "jGODx1M1GTAHtgIIZBL3yzkVYWrfQoFGS1m6zKpRDBtSLkviHSkagGug7QTbxkBVkNdR2o"
    "G3p/ZeIa8DzgLamacEJcbsH0JFZjeKZfZS7iZMxDZmI5uDoisl0Rkdy89Wy1DLOUSActmq"
    "0kO8FLpYBwOLyD6L48OKjj0j44KPdpHxQjPfhOT2Rhvb9fj4YlDrBEJL9b2aaP/osce5/L"
    "jsrABTAyNk2hgFq+Vlo/a6zABU6fejP7/v9sd6Vt"
)
