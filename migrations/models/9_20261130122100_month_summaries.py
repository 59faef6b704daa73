from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Written by migrations/make_migration.py: aerich's SQL for each engine we run on.

POSTGRES_UPGRADE = """
CREATE TABLE IF NOT EXISTS "month_player_total" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "month" VARCHAR(7) NOT NULL,
    "player_id" VARCHAR(64) NOT NULL,
    "wagered" DECIMAL(20,6) NOT NULL,
    CONSTRAINT "uid_month_playe_month_450406" UNIQUE ("month", "player_id")
);
COMMENT ON TABLE "month_player_total" IS 'One player''s wagers in a closed month (only players who wagered), kept for good with its MonthSummary.';
        CREATE TABLE IF NOT EXISTS "month_summary" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "month" VARCHAR(7) NOT NULL UNIQUE,
    "total_wagered" DECIMAL(24,6) NOT NULL,
    "active_players" INT NOT NULL,
    "new_referrals" INT NOT NULL,
    "daily" JSONB NOT NULL,
    "closed_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "month_summary" IS 'A month''s community figures, written once when the month closes and kept for good: the snapshots';"""

POSTGRES_DOWNGRADE = """
DROP TABLE IF EXISTS "month_summary";
DROP TABLE IF EXISTS "month_player_total";"""

SQLITE_UPGRADE = """
CREATE TABLE IF NOT EXISTS "month_player_total" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "month" VARCHAR(7) NOT NULL,
    "player_id" VARCHAR(64) NOT NULL,
    "wagered" VARCHAR(40) NOT NULL,
    CONSTRAINT "uid_month_playe_month_450406" UNIQUE ("month", "player_id")
) /* One player's wagers in a closed month (only players who wagered), kept for good with its MonthSummary. */;
        CREATE TABLE IF NOT EXISTS "month_summary" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "month" VARCHAR(7) NOT NULL UNIQUE,
    "total_wagered" VARCHAR(40) NOT NULL,
    "active_players" INT NOT NULL,
    "new_referrals" INT NOT NULL,
    "daily" JSON NOT NULL,
    "closed_at" TIMESTAMP NOT NULL
) /* A month's community figures, written once when the month closes and kept for good: the snapshots */;"""

SQLITE_DOWNGRADE = """
DROP TABLE IF EXISTS "month_summary";
DROP TABLE IF EXISTS "month_player_total";"""

SQL = {
    "postgres": (POSTGRES_UPGRADE, POSTGRES_DOWNGRADE),
    "sqlite": (SQLITE_UPGRADE, SQLITE_DOWNGRADE),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXVt32za2/itYeqmzlk7qOGni454X21FTN47sZStt11RdDExCFscUoCEpK5qZ/PeDDd"
    "5JkCaoiykGD00tEhuUvg0C+77/05sxizjey9OFZfsD6rur3gn6T4/iGeF/SO72UQ/P58k9"
    "uODjO0cMxzDOcNi9GHbn+S42fX5jgh2P8EsW8UzXnvs2ozD8ihKErZlNER/Gr52g5ZT1+T"
    "/Y7yNGwz/8KUGej32C7siEuZyEWghPfOLCUEJfwsMsZvKn2fR+w/MuqP2vBTF8dk/4eJfP"
    "/tff/LJNLfKVeNHH+YMxsYljZbCzLZhAXDf81Vxcu6D+L2IgfOU7w2TOYkaTwfOVP2U0Hm"
    "1TH67eE0pc/j1het9dAJB04Tgh6BG2wTdNhgRfMUVjkQleOMAOoA6+QHKtZxjDq5FxOxgZ"
    "Rq/AqogihXJ4yWQU2My/qid+/T18hf85evXm3Zvj12/fHPMh4mvGV959Cx6dABMQCniGo9"
    "43cR/7OBghME5AxX4R1PccG9+eETmyAUUOWSskeRn9kcc5QrUK6OjCMyHtEmxdUWcVPrcC"
    "1tHFp8Ht6PTTNTxu5nn/cgRsp6MB3DkSV1e5qwdvX8B1xt/g4N2OJ0F/XIx+RfAR/eNqOB"
    "DoMs+/d8UTk3Gjf/TgO+GFzwzKlga2UhBFVyMY+cgUk02fuYbs/Tmz70tfoTTV0y9SMwYn"
    "G9nu3qX/PTp6/frd0eHrt8c/vXn37qfjw/ilKt6qervOLj7AC5bhavTGZcCH71mA/nyK3V"
    "LgQ4oc7PzH7CPsM/zVcAi996f845vjCkR/P705//X05uDNce5lGYZ3jsStLMA+dvlhogJw"
    "QrE7gHu9ncB79NNPNfDlo0oBFveyCAfneRHh326vhnKEE4r8QWGbPvovcmyvzg4Sbm5tWc"
    "kVyAIUmdMgAvTg0+mfeazPL6/O8ts8THCW3zpAeFKBPSbQqKuhDkLn5CElIcGFO2w+LLFr"
    "GYU77IiVjS3emh3N8lcwxfcCSPjF8PtCveCM0YV37mB71pNoDam7lVrDHYwzzHhgLb1BDE"
    "dz4iKTzyj+GBGH3Lt4hhYe/wTSPFz9wGDlcE3AZAvqn6BgmaA5tl1PrjpsbmqJ9vBX8HPF"
    "XT5Xj+ObujR38IoIIeZvrWY8o5qR8EHhmM4QdVAUevumxlH99k3pSQ23sgeGeNOIZahrdV"
    "nK3Wh3u4W+u+pdsN8r7Vtpki7pdmtuYAmmcJYoa8wpoi6BugOFuSB/5VZ3kQ+/cP3Cvqcf"
    "yUrw4oJ/cUxNmcqRkZ7433vIiG/RSouuJjuDi5exEJN5rTkC/HcTPzhkT2/PT98PeoU1vg"
    "FgI1nuczhdR7FNvdxyaJ9TZYBlXaoxhGv+SYUhGvekvnCKBEUozgspzQulfJuiH8XNE+EP"
    "8JmPHWTiOZoy/mvQHTExBxJ9EaO9L4jxExndu2zp8fEuW9xPES4oEVt+3phy5ls2/DpO/P"
    "kaznR0EFCg/0MgswUfXsDjhJuDw8wXCaZeYKtD2BPXxbAfPMTn196OFqoh0RKvq4FE47Xy"
    "UUP5cAnsZirwJhQdBHgrlthkL1LYHbJEXZJMNybuK2P6HHge7gmY5Ovc5tptAytElrKDVo"
    "g9sTpEmFSaHWY2NZZcKHWNGaN8yyvympj2DDslm1KROs/vgPxlOE2nHBfvB+cXn04vD44O"
    "+wELOWPtQJ+IfaCHBeueS+C3G3crNbNElq5L+/+OXfkRkA3MqxnKDm5sHTavmg7zGtrUU4"
    "Qb4Pn+bG9tYnHpWabg8y16WKR7cEj7y8cb4uCSGB6pL3fPXvYyk9m3rRq6XIYtE3t+T2bo"
    "im/2Kw1dmWE17Fwz4nn86yBMwwBYj1Af+UxcWFg2oSZ5iS58D7lcSpnzz/xP7BI0sTlfRN"
    "irMAwFxBywie3OJG7yrT5JW6FaZoXScpyW49rKkO7KcT75KuH3iF8tiRINx3fCNlnFx8Gf"
    "owwLC0F0MRsvr4YfouH5yLrsKzafMp+p2IJjgkZwt0w03oElOJIJVDBO03RiVWdxfn1UA+"
    "bXR6Uow60syJaLJ75i1FqaZjMgP68wtGWIIWNMFt8BAA/oYlYIQsiAnVBvaz0XsO5xwdwC"
    "xNQA790Ohu8vhh9OUEg/puenw/PB5eXg/Qky4dc5DrHG9D0//U6QxSjJawl1GPTqbQ0Gvc"
    "qfwgmD4FZuJ3cZHMKeYU6x/F2oklll1I0k17bt8M8iuMZohtpic3ZkJ9AcacqRiU1tb9pI"
    "l8iRagNhJwyEFnHsR+LaRHKmKRkII1PV+2DC1R6KZ89rJ4yBq7IXptGtYTc0rPT4Wok1sb"
    "kOsQnipzqKJwtC1lJJLmiGH4iHxj3soxlfwHy4ScY9hBHYku6wx2dbOESeZbOl58hTbtJ2"
    "1CgwMp9hkxsWimp/a1vjLm2NOo792USDtms2RRb05s1Um+tItZlHqk1R2eFXRuKjP6Znl1"
    "fnH0HtuXOY+QBKzy+nF0IPmmBbKEG3Hy+ur+GC92DP53Dl8/Dj8OqPISQFPvBDmrZDOSKu"
    "yyQx9OXWgZhAm7lqmblgwTSQrVNkWq5um1ydyV2LJSu1/LUcWZeOqbVkgapEqrQ0tm4yVX"
    "quPYO5djJVbo21KeuHHzAObLykJ1FukpuVSo2ZGfakLvOr7XMFYcZZYc8dm7hQ+Auje/7o"
    "kyDowEP8WS57JIhvvqAAo8UcAhi+wCmxtClfJN6XPiLYnKLgI+I6BadCc9f+NxHZPUXVZj"
    "ePHdMv0VBpihAqZgj1kceCpJ8422jBFzQUOaDmwnVBEwu+GcdTx2G0UDeCRaQiu0XjO+g6"
    "23w2UPLGSmS3ysDwDOHaMeFtw71GUPiro/5R7aBwiKO/k5W/ejL6/k5aAuu7QPjoUAFhcU"
    "wo4hvTaHSfWr/JKa1wxOWotPgvsT+po/osiO5LVptFsOXYVLYTVJoi0nQdDBjskjEiDUGB"
    "y+WBgjmyToiHu44X1DHROia6tQzpbky0zm3r5qnWKHQltJ9JNmCFuJXY+Bi3N9izt700aK"
    "WgE4qKSWvCdQ0Tdawq2VbDe3Lrq8r8XaPBRmwDN0g8uEZaYFCD6gdPxNkISqgMhVE83Qn/"
    "EFazvSM+4vL/Qx+B8m/xKxBtg+5WcaqfLB1wC0+QRvJknABJAd3MZV1Etx32al1EdyeWa/"
    "46GQvXUQE5RdJBiH86PKyBMR9VCrK4t1/RUcW8j40FR51eX99c/Q7RTaHn0hrTm8Fvg/MR"
    "XHPJP4kJ37wBpzYf4MRVH0+te0lC0b0Qp81vNuGJrWz3yNLp/I2mZo8IR3UNOEupVeC2qc"
    "DauFXvteuwcStW7pTUkTxZl4zKuj7+fh5ZFWGdGVV9zbDOTOTgnjGjblhn/vXWdfI3i++u"
    "6uTLjLHlttgrSkaM/7NZi2w7RTa5QVbBxvpLmJl8g03Sk1hYM/f7VfbVOMfZjYbWsK7C2B"
    "88xGmxw9Vhj2OEPOL30dK1fZ9QYd7MJDWKErJhViPmYyFaN6C3PcFukVgks7Nu9Vk64Ldd"
    "BtSSOsXltoyy0sT7X8ilCsjIkPGu1I7xTmLNc/0mFb8zhB1Ur/ZEnaqlRRNqNSrqnpBpBr"
    "eawYEgNWdM4vx4Otw5JvweY55fvVGIefbmfEwR4vK+vjHBWn199wjWrbRTDoW0psV6MrR6"
    "J2v1TiZEQOwZbKJs1s9QarN+m7nMhUdHpvPzc4hgWipwOjIjzV14eG3jpY2v7JafZ1dXlx"
    "lWnl3kI7E/fzob3By8yp1cJTbHOjGEgQq9ZlAc2BVuxET7u43uNiruEyiq1yLUZwQtEHsS"
    "q01hTL/KciNUXyOMHvLj8bVKXsXBa6LBjxdGromI4dB8ciCSrKNWjsspC4YS60UfPZC5jy"
    "bMRfeMWWhp8+G27yHx9W8Xsxl2V/IKWLt5rDSMLjEUbCZWrsqL0jFrz04c/u21CT23C2ub"
    "ViEdsLiTGKJwD1PU2VNUz6Owbyvxs16GcnXbNQXZZ+vHenj4lB7p0f0ax7mXGlqn+w0Q/Q"
    "B9l2czzlp/hSb2/YKLeFn3SNJ8JjhlxZHrIUyt7KEauFE8iufelAUyYr4JzlYfOOZjyQom"
    "J2jisplonzN3F5RYopiLS+bM9SHkHs2x5weTQ78dbMFEHkEHAbI/hiNfzlcvtKNHO3paBu"
    "42j3ShCRjNTpwC7fd37rxRaPcJreUfSaiCqZRxKBJ2KdpqYyFslCwNl0yI62JHBd4CnUZX"
    "FliNbUcS017u44gJtI9jDR9HaxK694gRe2H3bolGMmS+PbFNHMJf0Egy9ys1EpofqdCOE8"
    "R60coEzxBbctHf4zI9ZMoeYKjx2BcDQlO00AaCSpEvXqJREsj1wHWBqBC+0CrmQVxmSWPO"
    "rT1zTPk/HqPFAvw/B/oLCcpKQrNYL6hj6bIluiP8ISQqsN1H2Esq/nvIYloxaaFiwvmvop"
    "aEwzunlLw6Oq6TqHh0XJ6pCPd0SkJLsuge+K9VWtfh+A6adzffIW+OVw7f11Vk6RSJlqbX"
    "kKa/4yT176WDh04NLYe+u6mhuq2I0ubaJva2XUMOImx6Et04vNOv0ornyZjadahQYI2ESl"
    "AroTHiycR2bL7whFbogC8r8FgFQ4KyUS/Rl4VtfUE212TF439GX+ALf4FmtFBnit5L2jHs"
    "6JlP661/RQ5sPsjCq6BsVXRpSchD9krg4Mlcwo5jiDe1vCXdQi10YdHRrs+bClko14upYi"
    "uGaHwHFYittNHKvivFU69GoEhC+/257Z4KF5FBLfagZkhHpBroOkCXOPtrIV3m99dQS6GO"
    "j8xmaKfJNeBVgE9s1/MNjxDaKFcpR9xB3XTflZVcnSIu9zYyQWQoNZtbx+ZmOTTYJAb5aj"
    "oLj8O1gVyaQTTX/q6A6nLcj8SNfcmGS/gX99bNQfo9NeVNMGNX0RPHszF3GZusCdofMNM1"
    "TNQlrJSsRalQybDekyGvH6VemUixgFQ7zYtrFydK6jPJTGzp4k0VVrZMxainLW0QwQHVDR"
    "CbiH6hXlxZHU1sxyFWEPCRVGf/OYjTuGd8qM8QhmByzxfF3KOav0FV96KFbcvP0hEh7YoI"
    "kZctK7d8ReM7aPnaSlSILgK6vRhfsauo4Zom2UjV6r3fHAoqgi7tud3SnipuwdxaL/Ihkt"
    "5UuVC3O1KrlntdPqRf8ho8WMvdmtVvJSJhQQEuFwuzireiE9YhEy50LXyQ23BUVxLWA0TP"
    "QAIjVBTAKGiP0EcL6ttOIto59sT3kO1XeFw3+AAtBLZLCHzufMUakWU7kwI3nLC48wYmbT"
    "s8d+BdDhMOFYPbs1QbaRbTopiJ4zo9k47LWyYdF3xC4mBq0ismR9glVWbHce4xkg2qoGZJ"
    "O+ir6XC4KAhPDV68DJnu0dT0rQthVH/nMoQ6YLdtzlFdKmoncZcVBqYk2nhN61IS2rxngN"
    "c1aWSW2lb7mjSwfwivV7AyJMaP8G7/ScvHPBlYv0uHIAocVlB/SVSqhghwj/iZDsTohi09"
    "UXGJkkfiosUcNt6wRBMlSwIB42wZOLckRpBtPm5MgzpStidKPvK5fJFSzRxIvHajmYB0an"
    "s+c1cvUVisSlhdwCiDxXQ2nRIX5oCxDn8ifwzBrmPzeRitG9uujS/a+PI8J86mC0A2aCWg"
    "mwjoJgJtTgkmvrIemNBo20tjLRBAbJKxucGEzdYxolsWl5YkcKaqz5dI1Elt+ickajcZWK"
    "twuovpA7Eih5/w80Ud9IQALHIrRRFTLoUyC2K9QNAk1JJXRF9zPmmp86iTH8wdJFRGVzZU"
    "+1wLtGsKtIIz9WGNhnfpbNpYiFN77VL7nw6s0393nP6rqIp915V6VbL1hFFKVc+NaNaGdn"
    "+8Eo30XCFIKckJKQp9pj0dZRqJb2u6APJNofcM5LqOgNTiapsb4GbhlHsBgpv9p1WWeFx9"
    "H4CgAVUijjZcuswXBvMZOviR6+BixAs1qzyK7axyV8A2nzqmoS/AJ1997Qj4PvQm7QjYXt"
    "sI/hoVkR3xq3Jko/GdEPCrzHKDP0fVJurYKnd5NfwQDc/brbWJWpuo28mIPTFJl8YotcUm"
    "TR5tsjzn80jlu+RutYAnxhlmNLCOhCdIEJCI0q+QYSwyi0HgEl2zQKRaBZ9F5675ShTz86"
    "ZcCgLhBxRaSKcJOnfZPkRZzLAlrS245adpgatdApc5xb5yxfYUkT6qGh9VYVcLZfSzdJoB"
    "jRkQVqlRtGxliLqE/taMW0npnjXtW90uCNTPm7kyK61Nlq7bFTVvFtJU3+hWpRDk8UGGu6"
    "iZ3gtedOz7ZDYXwogQOEDOWMw5JcEz5BAuXbh3DEQWDidDXwLv3xe5R36NubT00i7pxWML"
    "V2Y5L7cXJRSdsGtsuzUD35HdZok/WUqtVrdOrc7WOg0cR40qnWZIdYpXm/nMFj603pZvmE"
    "9300mR766dDpcTaIN2Ojefh0PRPCekH9OrjyeIPRTb5NwMfhucj+CKS/5JTB+u8aNncHPz"
    "+Vpc5iuBuO5i7geBGM+/K4dthQ2XmMR+lAWVlEoWMtLdKTHbiibZTsiZZ4TFfRvgm6LU8B"
    "Zy+F2XSVIey31RMcFGSlS0+EDZhi/KWrhBVd6ZSovtHFWHUuc3toyF7xkCzIlEajpjjOuS"
    "tMJrnVDmwL0L86+2sUXEV3a7sM+uri4zC/vsIr9yP386G/BzMBeUVmJdeh67R6b6r8T4ka"
    "8OXG4BKRQmftoMchv2Ol5OGZpCzgB2ILHAZ8KAccckdcvqkWzYqFFlut6k0bQNho2dGKzL"
    "zR+weFTjttM0WzpNuxQWHzTyUAU5S7U7S1NPUUtqU4C8wwXmBZYVWi3HOU3TBdFw24pjfO"
    "w0AVtKrFF/GnWXS4JNTS4R7Q73kEgkUbG2fL4d3JwgoBzT0/efLoYnQYDImF79MYRbbEnD"
    "WVWL+NXgRnk18kIt8rBZssGFH0WZPUepZfYnZPYM6phSmRmlGvCYSGOtgDVlvj1ZGeyRuD"
    "5+IJK6q5Woy8h3iH8kO+47/HNsW8bcwSaR9fOpwYDcBJoFyiyY2BQ7hrTZah0GZMg1/Mrw"
    "x50AGr4AWXrNgPoMMF2Cmznts5QddNp3rFxLmuthSl0DrmcpNdfbwnWJS7/QOPCZimO0uO"
    "r7liq2lnscUmoOowvPMB1sy1xtKl0cz2Cmc5hoD1+3sgDX7CEVNwqCVjW2VEpQAEy5q89e"
    "gqabrK6Dnm6yWo1V0XX6dJlqxeZbtYtUt+qAqRuxX16hmn8DNPx8ebnJtlufw5j1EQMzjc"
    "QdnR3Qr/JHR/Hvhh+PrdWR9QMDFqI7gl3iIkEMtSCEtTdIHxQtsX4Ud/qIUNNdQRxd3YIQ"
    "eYvxTh4qKk/ApWBqm4Jh++ewqkRUY8K051PiQpI8mnFV1kPjHhcl+NzWuIcOKAuIX+i0gR"
    "amDSS8K4JbHoSWpeqC42vXkWjk69zmqk+j1j1pSh1k3h6NtGiI0LUvdO2LtjBi39+rlgQ+"
    "ypREicBZokuWi50yfbae8HmKomBLEXUAhSjAWgKxjTgSELFpsgX1+2iJbegmIqqLHfD/oE"
    "KFBRLk6kXSrqQgam7nEVoWbJksCDwllnKIX56ug+mkWwnz83zsLyTml3rhUAn17hLQ5kS0"
    "d+6pYd67HgzfiwS0kH5MT6+vb65+h4wyviO67LEs+ez8dHg+uBQ5aiag4DhtSTxj/LcYfI"
    "uLw9brS3gF0o1klLRha9qxlKe9u+UM2U8/Xx3vbihPNOB6llKrzm0T8WVcVlWfs3QdytXb"
    "eUWoHXeqbxvq25f/yCNfqVyo4XM68tpn5WDLaDXstWBvbxOVZ0R68+liINwqF/RLEWnrp9"
    "LeXTCPZTlRZINyybl8Su+esaKu5zq1BOWF5op7yQbA1S2rqyr4pVQ+fm/NiJVsfeKOwC2J"
    "WNmczTsV4yMxdWcjgMot3KmYo7qG7bBVoLAQeQVTMwpiE2zXg2bbM/wAVmfochG2ikIT+3"
    "7BVRJ0D9EKQT9u8pU/EuEZ0Mvs3Ft+4piOKcRt3GGPODYl4YTR/D948QzLKaHilgAMgc0I"
    "wjZGXDGFStMzgiYum0UjrIXpC6s8Mx+0bb2FtvWA/xKDRVVXroToe+w/fazQlkuYVE1CZS"
    "Gg1XbYmKgzRtiNFfXRJu7nN8NEB4WBHceIrJIKW4iUXvdPrNpLYshKOjDVw7usG5MGOxeo"
    "wzeKhmu7QPsdNq9UB7vJqs4SapirYTanxHxQEUQSAl0gsxDJt3dBEiD79NTQ7V1dD4YnQs"
    "kb08uL4UcIeODHyAPEQHy6uP10Ojr/9QTNbG+GfXM6poM/ry9uYFAQDcxHXV7djjgN8/wx"
    "PecfRMgE/9iWeAntq2+y/+yd27ZFce2azdtjc7CzNHmZ04Q6AqPNPNZ+Uu0n3RnI2k/aFl"
    "ZoP+n++km37gS8pXjuTZk05SU7oP+0K9BLj63tDUz5yLAn+rFCDzXkYdFyddZHS9f2fQI9"
    "V51V7EZbobANBUc99IkJ35kLadD39iMJermWegS3+tQxjR8ikOHP8MPesvAUPvnUNqfgK1"
    "xO+R2OE0GiJpvtCV83gmBfr6bf76/sEuOSGB/wl/i/kktwE8XN98Qr+My1zbUgthNBLGrF"
    "qNYENUfVJWlsYzY8dTVRGwH2QEEMg174YSOtLFrpUSjQajdZlUshgmtJyENDpCNSDXQdoJ"
    "t4yQq0Guo6UDf0/srINeB5wFtSNeGUuFyD6Um0xvBOv0pdxMmYp9TEcnB1RGS7IiK5euvZ"
    "ahlmKZIOajRbSXaCl0oB4XB4B9F9dXhYx6V9eFju0z4sRnrwk57Iwnp/u70aljjAEpL8aW"
    "WbPvovcux9LjsqAxfAyOg0hQJq+Vpp/ayyAhOcPfdh9u3/AUK9Ooc="
)
