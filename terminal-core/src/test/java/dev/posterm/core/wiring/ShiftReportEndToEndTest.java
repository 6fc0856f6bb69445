package dev.posterm.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posterm.simulator.ecr.CashRegister;
import dev.posterm.simulator.printer.Slip;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shift reports in Simplified Chinese, as the printer simulator decodes the bytes (GB18030 in
 * Chinese mode): the X report asked for with {@code posterm report x}, the Z report at the close.
 */
class ShiftReportEndToEndTest {
    static final Duration SLIPS = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void aChineseTerminalPrintsTheXReportFromTheCliAndTheZReportAtTheClose() throws Exception {
        try (Shop shop = new Shop(dir, "zh-CN")) {
            assertEquals(201, shop.register.createOrder("cash-1", 1250, "CNY", "two coffees").status());
            assertEquals("APPROVED", shop.register.send("POST", "/orders/cash-1/payments",
                    Optional.of("{\"method\":\"CASH\",\"tendered\":2000}")).text("state"));

            java.io.StringWriter printed = new java.io.StringWriter();
            picocli.CommandLine cli = new picocli.CommandLine(new dev.posterm.core.cli.Posterm());
            cli.setOut(new java.io.PrintWriter(printed, true));
            assertEquals(0, cli.execute("report", "x", "--config", shop.configFile.toString()), printed.toString());
            assertTrue(printed.toString().contains("X report of batch 000001") && printed.toString().contains("printed")
                    && printed.toString().contains("sales 1 / 1250"), printed.toString());
            Slip x = slipWith(shop, "X报表");
            assertTrue(x.contains("X报表 - 批次未结") && x.contains("本班至今 未结算"), x.text());
            assertTrue(x.lines().stream().anyMatch(l -> l.strip().startsWith("现金") && l.strip().endsWith("1  CNY 12.50")),
                    x.text());

            CashRegister backOffice = new CashRegister(URI.create("http://127.0.0.1:" + shop.apiPort + "/api/v1"),
                    Shop.BACKOFFICE);
            assertEquals(200, backOffice.send("POST", "/batches/close", Optional.empty()).status());
            Slip z = slipWith(shop, "Z报表");
            assertTrue(z.contains("Z报表 - 批次已结算") && z.contains("批次号") && z.contains("结算时间"), z.text());
            assertTrue(z.lines().stream().anyMatch(l -> l.strip().startsWith("消费") && l.strip().endsWith("1  CNY 12.50")),
                    z.text());
            assertTrue(z.lines().stream().anyMatch(l -> l.strip().startsWith("转入下一批次")), z.text());
        }
    }

    /** The first slip holding {@code marker}, waiting (bounded) for it: the cash slip prints beside it. */
    private static Slip slipWith(Shop shop, String marker) throws Exception {
        Shop.await(SLIPS, "a slip with " + marker, () -> shop.printer.slips().stream().anyMatch(s -> s.contains(marker)));
        return shop.printer.slips().stream().filter(s -> s.contains(marker)).findFirst().orElseThrow();
    }
}
