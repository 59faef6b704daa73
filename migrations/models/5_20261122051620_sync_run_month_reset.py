from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Written by migrations/make_migration.py: aerich's SQL for each engine we run on.

POSTGRES_UPGRADE = """
ALTER TABLE "sync_run" ADD "month_reset" BOOL NOT NULL DEFAULT False;"""

POSTGRES_DOWNGRADE = """
ALTER TABLE "sync_run" DROP COLUMN "month_reset";"""

SQLITE_UPGRADE = """
ALTER TABLE "sync_run" ADD "month_reset" INT NOT NULL DEFAULT 0;"""

SQLITE_DOWNGRADE = """
ALTER TABLE "sync_run" DROP COLUMN "month_reset";"""

SQL = {
    "postgres": (POSTGRES_UPGRADE, POSTGRES_DOWNGRADE),
    "sqlite": (SQLITE_UPGRADE, SQLITE_DOWNGRADE),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXV1T27ga/iua3Gx3JoehlLYczlWAtMuWJgyk250tHVfYCtHBkbKWQprd0/9+JNmOv2"
    "RjmyQ4Xl1sFyS9snleWXq/9XdnSh3ksr3e3MG8T7i37ByDvzsETpH4QdPbBR04m0V9soHD"
    "W1cNh3Kc5dI7NeyWcQ/aXHSMocuQaHIQsz0845gSOXxIEIDOFBMghom2Y7CY0K74B/IuoC"
    "T4gU8QYBxyBG7RmHqChDgAjjny5FBE9uTDHGqLp2Fyt+Z55wT/OUcWp3dIjPfE7F++imZM"
    "HPQdsfDX2b01xsh1EthhR06g2i2+nKm2c8LfqYHylW8tm7rzKYkGz5Z8QslqNCZctt4hgj"
    "zxnnJ67s0lkGTuugHoIbb+m0ZD/FeM0ThoDOeuZIek9l8gautY1mA4sq77I8vqZFgVUsRQ"
    "DppsSiSbxasy9dffyVf418HLw7eHR6/eHB6JIeo1Vy1vf/iPjoDxCRU8g1Hnh+qHHPojFM"
    "YRqJBnQT0T2HA8RXpkfYoUsk5Ashf+kMY5RLUI6LDhmZD2EHSGxF0Gzy2AdXT+sX896n28"
    "lI+bMvanq2Drjfqy50C1LlOtL978LNup+IL9b3s1Cfh8PvoFyF/BH8NBX6FLGb/z1BOjca"
    "M/OvKd4JxTi9CFBZ0YRGFrCKMYGWOyzaln6b6fE3yX+wnFqR7/kOoxONrItvct/fvg4NWr"
    "twf7r94cvT58+/b10f7qo8p2FX1dJ+fv5QeW4Gr4xSXAl++Zgf50Ar1c4AOKFOzij9lF2K"
    "fwu+Uicscn4tfDowJEf+tdnf7Su3pxeJT6WAZBz4HqSgLMoScOkyoARxTbA7jT2Qq8B69f"
    "l8BXjMoFWPUlEfbP8yzCv14PB3qEI4r0QYFtDv4HXMzK7CDB5taUlVyArIQicRqEgL742P"
    "s9jfXpxfAkvc3LCU7SW4cUnqrAviIwqFdDXQqd4/uYhCQbbqF9v4CeY2V66AHNG5vtmh5M"
    "0y2QwDsFpPyL5d8X6AUnHoWODRnvaJSGqLNQZ7hNDHtUZ+iBKWJMvI4Q1wMhnyHCAaeqQS"
    "ggiNhoD5xzBjxk45n4XfwIhXw/xmI1KNFeyf4+sWDeGHtTltUiNvoko1c0S6+whTQtkLBu"
    "l9WEziSdETtri50hkNUVvCTldhS97TKkvZoeR981/B6J1hxJOBjfCkWjiI/930fFgsKKjR"
    "fDwftweFp6SH5iswnltIresSKoBXfDxLIt6B2hTFBJeY7RtGJVJ3F+dVAC5lcHuSjLriTI"
    "jie0Bq1xKB/kOM16QH5eYWjDEEur+JzpAe6T+VSBfC5eCQYLNwF2RL2p9ZzBuiMEc0ciVg"
    "3wznV/cHY+eH8MAvobctobnPYvLvpnx8CWf53rIueGnInT7xg4lKC0llCGQS/flGDQy/Qp"
    "HDFIdqV2co/KQ5hZ9gTqv4UimVVHXUtybdoO/yyC6wrNQFusz47kBIYjdTkyxgSzSS1dIk"
    "W6BmWiYRzZEd0hxCSjPFQwfMVEBuTiB+RhpDnTTgLadx+ukAtzHBlpi9aZP+FyB8WzH+GS"
    "D1uDNfpjK3bCFXBF9sI4uiXshpYTH18q6GBlrgN0DMSpDlaTHSuDnc8sMIPYA1N4jxi46U"
    "AOpmIBi+E2uukACKQt6RYyMdvcRfoghA09R2M8/JK0o84ZUq7QrymjYmpYIKp9NbbGbdoa"
    "Q+ZUkhJiRMbKWFs0aLpmo/HDzuqpNpehajMLVZussiNaRupXfkNOLoanH6Tac+tS+14qPe"
    "9650oPGkOslKDrD+eXl7KB3ePZTLZ8GnwYDD8PjsU+di8OadIM5Qh5HtV4IfOtAysCY+Yq"
    "ZeaSC6aGbB0jM3J10+TqRPjESrKqdPynydp0TD1JFsjoLBqoszi/ox7Cd+QDWmYOpUe0kx"
    "2EOU8rEc0eXKwE08waEyiIvx1xf4fvXZ/2zvqdH88TDPEusB1cQRt1NPpNor9QtVlZIbxw"
    "aImwCDn2JwYELXSF4sEEf8TRzrtg4WHOEVEKRULtmFLCJ4HeAcVYgb7j02OmNGF19OsCIz"
    "b6LBMa0Sx1RbGuijy1Imidq6UIyFCYepsrSr3V+Fk8zuqIUnHCFkY8tEmaEspWHRbHyAyD"
    "G83gmYf/QtaMUlfDY2TjKXTzHD9xwjSXfcq9YIZ28fisf3r+sXfx4uVh1/dLC35iX4hbhd"
    "TvZ3bLmRiThTg/unhF8KTo4h2CdSNB3YGQVtedlqA1O1mjdzIlAkJm0XFVRicpjXmnyVwW"
    "wqOrCVE7EecQgiRX4HR1pofb4PDaxEe7atkuP0+Gw4sEK0/O07GVnz6e9K9evEydXDnGnj"
    "IOal+FfqJ3WtoVrtREu7uNbtctPaAcj7ENg5fNWGwS/d0iiw1Jj6yQxyKtJCoGCE4BXSAG"
    "GJ0i6Sx+AcECEz9RPVghYEw9P52E/bwHRpF95R4tVx5kaXwBMz+xKiejZWPPvCHiH0ZJ1n"
    "P9Hz/hXug1yAO2C/GUAQTtCfDoIszADzxTXQBZ5CpnwKHGMNRAw5DgfxWzUDC8dUahlwdl"
    "UoTFqHwf5kEmSdjECDxbjMC9+GsrretgvIneLxFaPoNLV+zrVdT4GIlR5J+gyDc99iUb1W"
    "9CXyqGvpgkynzo25tEaeJxKm2uTWLvOuLcN6khX7pwqTStjG4c9HSLtOJZNKaEPuyPFlrn"
    "GHkecsDt0i+eMB5jF4uFp7RCVyiEYsiMetwf8p7KNbkHvs2x8w1gJku63Upt85t84W8yiw"
    "vYE0juNCHaW3rm43rrl85C4C9eQAxy4LIjuqOmBUL3yRbfwZ5ogq5rqS81P5Z7Xi1nct7S"
    "dMk3hyVO3TeHuaeu7CrWi9X/KyAdjm+hArGR+NPkt5I99Yp8rhna53G77m//2At9rgf73T"
    "elfa6JPage0iGpAboM0DnBVqWQzou7MlBroV4dmfXQjpMbwIsAH2OPcYshRGqFEKSIW6ib"
    "7rqykjBBKLm3lgkiQWnY3Dg213NtQxtZ6LvtzpmAaw0u7n441+6ugKyXO/4FyUz10JdseU"
    "i8OHtqaMBvsSmv/BnbhF4lC0i8+JiLpAfckn6zfICHBI2o+OdxmEfBhJ+C+XbSZKaHt4LN"
    "KPmRakxHma8434KU3D0qWpJcNOaAzlXyPQxzVqR7Q7oAWBcsMJ/IDgQZJV0wJxy7Ua1PF4"
    "85A5gXmI3W+AAT29Cs2IbnTnop4R7b1awX/3Oogm1EYUxkJSsR2hw/IKtihE6Sai3Z8A0y"
    "/B7tl8D5aD8X5qOMYqsOJqdG1eAUoQnWqR2ss0KyRoZVkrSFCmeLfd5SeKrx4SXITIW9ul"
    "9dAGP1by5BaKIOmmbhSUTqKR2nYqHdBFELhbX1OI8LCoJEIRNJyCtXA4niM3YM8LKlQBJL"
    "rUl1QKR541Km9vorQ2P8CHq7j1o+ZtHA8hVAFBGQacXqRkOVBSvDWBjiMngltD/sgSu68K"
    "8rIegBeWA+kxuv45ftIGiBZNQLXfjpHxojyCYfd0P8giFYGkjUXFzlhVBXZo944UySdIIZ"
    "p95yD/SCIiPS6iKNMlBNh8kEeXIOOdYVTxSPQdBzsZiHkrIBOsb4Yowvz3PirNn4UqdMgS"
    "lQYAoUNDmvAfHKemBEY2wvtbVACWKdsPM1Rp03jhHtsrg0JAo9ltmeI1FHee+PSNReNLBc"
    "pXBI7pETOvyUny+szqcEYBUgLoTGJRBSKHUA5ErQRMTJqQj+tPm0lb/DKoFybj8qPGyJdK"
    "R0IXAj0G5ToFWcKQ9rOLxNZ9MTsd0Fu9Tu5zSYHIYt5zBUVMViVCbkuEgVU0apqnpuSPNk"
    "aHfHK1FLz1WCVCU5IUZhzrTHq4KH4tsTXQDpgtM7BnJZR0BscTXKDYAeMFqcink6OqUl6u"
    "0WKi1qnGWHA8u4ARQJkCSrC8tlaSdlhu8CRoG0vy/9339iwKazpUpZZRO6UNqG3PFkvKUq"
    "4w0wl2b4KXS0GbQbfpoxzTdLk6l14eRT75ls2s70POa2uvdLruFaScMAfy9WmRMVRZ8EUZ"
    "vQ35j0EyWoPFEAanfaS0YOSqy0JolC10tiX821uSBhV6EQxMQgy5uXzP+QZlbIOZrOlDCi"
    "BA51E8lMUCI4BS4S0oV3S6XIIuCk4JtvHvqmN9k+YS4jvTRLemF07ulUq3y7VkTRQsvW+g"
    "uQqYtJakWGJilb6BrcEVdgqdhQc8P2P4PPdM5tmucIeLxmZIx8e0UjhZxAahSNvPo0GKgS"
    "kQH9DRl+OAb0PlsM8qr/a/90JFs89F9kc9kmjp7+1dWnS9UsVgLyvPmM+5b659+VfZGEWR"
    "6yEX7QeR1yJQsd6faUmE25Gzbjk2RWUMKiBr4xSgNvJslLf6PvCH3Py69r042+RQdK//dR"
    "4izJxNOtzpOL4eB9ODwdZJdE25l7fu2JqabqRO5CTlG1KLdqbctYRSnLCCSkkZoKr19JUZ"
    "pLWNZ3Ccsm7R6JeiAa40e6Xki+BSRTquRxM8h1cKPHYkLBRAaVQVdGnnGqDBi3VFPYohzJ"
    "mo0aRabrdRpNm2DY2IrBOt/8IRdP1cCeOM2GTtM2xU355eqqgpyk2p6lqVNRS2pSBJUrBO"
    "a52Her4BynaYNouGnFcXXs1AFbS2xQfxx1T0iCdU0uIe0W95BQJKlibfl03b86BpLyhvTO"
    "Pp4Pjv0AkRsy/DyQXXRBsheYlWFHmbuY8m9iytzDFFwJYgnhp6LMnqI0MvsjMnsCdUiIzo"
    "xSDPiKyGBdAWt1deHSog/I4/AeaQpzFaKuI98i/qHsuOvwzyB2rJkLbaQr9VmCAakJDAsq"
    "s0BdVm1prxQow4AEuYG/PPzm0qp80aZd6aSJCy798h81uJ6kNFxvCtc1HuVMbetnSt5rcF"
    "XKDVWUyjd4m0Lj6yw0/njlrrB8eMmY1dJ1uxq1psvGqOYX7RJvAAafLi5SMapP8r/oVqPG"
    "DZOzaPO9MboPp5xTpgdCn48yfsh8GHkTunSxwOBaOQBtm84J74IFxLLqlaqI9UL8JxNlHH"
    "UD3c9RWa2ME2czjzCRrM2KZFU8FUJQVU9Dmq6FUa0b8Tb8gy9P7l1eXg1/k4FtYkf06ENe"
    "DNxpb3Dav1ChcrZEwXWbEv9Gxd9iiS0u76KPAg90hnQtgS1N2Jq2nDxltPx8huymvldGyw"
    "/kiRpcT1KaMPHmKPX5XK5ahS9J16KQwa0npm75RpWmob55+a+5VaeeEen1h09JKatygnuM"
    "qE351VvYRAqysPWicuUU7IpX4jWNFWXtWrElqE+8zu4lawDX1PgvymiP6R6i76k3jybq9b"
    "QE7moXZ1Y0vn6WtequCZyxCdWaXZMDukUGV1X3zmLxsaWvgfyJgTG+mwtxV5ZWleHtspwA"
    "YFBVH5p2wcLDnCNZfshdgsVE/KTqrwYZWQKpwOapguDV1QN3+AH5ZY001tctPPWGrB6ikG"
    "GyTKxfZkk+RUw+wba6PGExET2yQBZQ4QmYqWUub6R0WEm77pfkVyj0sa+yxKz8/9bj/HfE"
    "6vvMYf5GVt2KrBpWJalWDyhF1SaBdW2JctWtRa21DbbJTBRUrxWHjTbIrkzl24jW1L8tKt"
    "EawrVASFN4vBTSIakBugzQOVcWlUI67/YiA7UWaui6Vrib10A7Tm4ATwPekMzpHvKEBtPR"
    "aI1BT7dIXYTRmMfUxHxwTcRLsyJehHrLcDUvR4ykhRrNZi6OFx9VBYSD4S1E9+V+mevixa"
    "j8OJT9zBEmnsgRqXRHXIzE3BJX8Za4Zz3MfvwfgGIf0g=="
)
