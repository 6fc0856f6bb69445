#!/usr/bin/env python3
# Writes the golden settlement files of SettlementVerifierTest by hand, from settlement-file.md
# alone: the rows are typed out below, the chain and SHA-256 come from Python's hashlib, and the
# manifests are written as text. posterm's own writer plays no part. Run it here to re-make them.
import hashlib

HEADER = ("seq,time,type,method,wallet,amount,currency,state,host_status,response_code,auth_code,rrn,stan,"
          "entry_mode,card_last4,order_id,payment_id,original_payment_id")

BATCH_12 = [
    "1,2026-12-03T08:01:05Z,SALE,CARD,,4345,CNY,APPROVED,ONLINE,00,123456,633708000001,000101,CHIP,0119,o-1001,p-1001,",
    "2,2026-12-03T08:15:40Z,SALE,CARD,,3000,CNY,APPROVED_OFFLINE,ADVISED,00,Y30042,,000102,CHIP,0119,o-1002,p-1002,",
    "3,2026-12-03T09:00:00Z,SALE,CARD,,5000,CNY,DECLINED,ONLINE,51,,633708000002,000103,CONTACTLESS,4444,o-1003,p-1003,",
    "4,2026-12-03T09:02:11Z,SALE,QR,WECHAT,2000,CNY,APPROVED,NONE,,,,,,,o-1003,p-1004,",
    "5,2026-12-03T11:45:09Z,SALE,CARD,,3000,CNY,APPROVED,ONLINE,00,654321,633708000003,000104,CONTACTLESS,4444,o-1005,p-1005,",
    "6,2026-12-03T12:00:00Z,SALE,CASH,,800,CNY,CANCELLED,NONE,,,,,,,o-1006,p-1006,",
]

BATCH_13 = [
    "1,2026-12-04T07:00:00Z,SALE,CARD,,2500,CNY,REFUNDED,ONLINE,00,111111,633809000001,000105,CHIP,0119,o-2001,p-2001,",
    "2,2026-12-04T07:10:00Z,REFUND,CARD,,2500,CNY,APPROVED,ONLINE,00,111112,633809000002,000106,,0119,o-2001,p-2002,p-2001",
    "3,2026-12-04T08:00:00Z,SALE,CARD,,1800,CNY,VOIDED,ONLINE,00,111113,633809000003,000107,CONTACTLESS,4444,o-2003,p-2003,",
    "4,2026-12-04T08:05:00Z,VOID,CARD,,1800,CNY,APPROVED,ONLINE,00,111114,633809000004,000108,,4444,o-2003,p-2004,p-2003",
    "5,2026-12-04T09:00:00Z,SALE,CARD,,900,CNY,APPROVED_OFFLINE,CARRIED_OVER,,Y30007,,000109,CHIP,0119,o-2005,p-2005,",
    '6,2026-12-04T09:30:00Z,SALE,QR,ALIPAY,1200,CNY,APPROVED,NONE,,,,,,,"o-2006,table ""4""",p-2006,',
    "7,2026-12-04T10:00:00Z,SALE,CARD,,700,CNY,APPROVED_OFFLINE,DECLINED_AFTER_FORWARDING,05,Y30008,,000110,CHIP,0119,o-2007,p-2007,",
]

MANIFEST = """{
  "format": "posterm-settlement/1",
  "terminalId": "T0000001", "merchantId": "M00000000000001", "batch": %(batch)d,
  "openedAt": "%(opened)s", "closedAt": "%(closed)s", "currency": "CNY",
  "host": {"responseCode": "00", "terminalTotals": "%(f63)s", "hostTotals": "%(f63)s"},
  "totals": {
    "sales":   %(sales)s,
    "refunds": %(refunds)s,
    "voids":   %(voids)s,
    "byMethod": {"CARD": %(card)s, "QR": %(qr)s, "CASH": %(cash)s},
    "offlineAdvised": %(advised)s,
    "declinedAfterForwarding": %(daf)s,
    "carriedOver": %(carried)s
  },
  "rows": %(rows)d,
  "csv": {"name": "%(name)s", "size": %(size)d, "sha256": "%(sha)s"},
  "chainStart": "%(start)s", "chainHead": "%(head)s"
}
"""


def t(count, amount):
    return '{"count": %d, "amount": %d}' % (count, amount)


def write(batch, rows, start, **fields):
    name = "settlement-T0000001-%06d" % batch
    text = HEADER + ",chain\r\n"
    chain = start
    for row in rows:
        chain = hashlib.sha256((chain + "\n" + row).encode("utf-8")).hexdigest()
        text += row + "," + chain + "\r\n"
    data = text.encode("utf-8")
    open(name + ".csv", "wb").write(data)
    values = dict(batch=batch, rows=len(rows), name=name + ".csv", size=len(data),
                  sha=hashlib.sha256(data).hexdigest(), start=start, head=chain, **fields)
    open(name + ".json", "w", newline="\n").write(MANIFEST % values)
    return chain


head12 = write(12, BATCH_12, "0" * 64, opened="2026-12-03T06:00:02Z", closed="2026-12-03T23:30:00Z",
               f63="0003000000010345" + "0000000000000000",
               sales=t(4, 12345), refunds=t(0, 0), voids=t(0, 0), card=t(3, 10345), qr=t(1, 2000), cash=t(0, 0),
               advised=t(1, 3000), daf=t(0, 0), carried=t(0, 0))
write(13, BATCH_13, head12, opened="2026-12-03T23:30:00Z", closed="2026-12-04T23:00:00Z",
      f63="0001000000002500" + "0001000000002500",
      sales=t(2, 3700), refunds=t(1, 2500), voids=t(1, 1800), card=t(1, 2500), qr=t(1, 1200), cash=t(0, 0),
      advised=t(0, 0), daf=t(1, 700), carried=t(1, 900))
