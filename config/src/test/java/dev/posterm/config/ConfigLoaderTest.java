package dev.posterm.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    private static final Path ORIGIN = Path.of("/etc/posterm/posterm.toml");

    /** Only the required keys: everything else takes its default. */
    static final String MINIMAL = """
            [terminal]
            id = "T0000001"
            merchant_id = "M00000000000001"
            currency = "CNY"

            [data]
            dir = "/var/lib/posterm"

            [host]
            address = "127.0.0.1:9000"

            [reader]
            port = "/dev/ttyUSB0"

            [printer]
            port = "tcp:127.0.0.1:9101"

            [api]
            cashier_token = "cashier-token-0123"
            backoffice_token = "backoffice-token-0123"
            """;

    @Test
    void everyKeyGivenLoadsIntoTheRecords(@TempDir Path dir) throws Exception {
        Path ca = pem(dir, "ca.pem");
        Path cert = pem(dir, "api.pem");
        Path key = pem(dir, "api.key");
        PostermConfig config = ConfigLoader.parse("""
                [terminal]
                id = "T0000042"
                merchant_id = "MERCHANT0000042"
                currency = "JPY"
                locale = "zh-CN"
                merchant_name = "Noodle Bar"
                [data]
                dir = "/srv/posterm"
                [host]
                address = "acq.example.com:7443"
                tls = true
                ca_file = "%s"
                timeout_ms = 45000
                [reader]
                port = "tcp:10.0.0.5:4001"
                baud = 57600
                [printer]
                port = "/dev/ttyS1"
                baud = 9600
                [modem]
                port = "/dev/ttyUSB2"
                baud = 115200
                [api]
                listen = "[::1]:8443"
                cashier_token = "cccccccccccccccc"
                backoffice_token = "bbbbbbbbbbbbbbbb"
                tls_certificate = "%s"
                tls_key = "%s"
                [offline]
                enabled = false
                floor_limit = 5000
                total_limit = 5000
                max_count = 10
                max_age_hours = 24
                [orders]
                pay_within_seconds = 60
                [gpio]
                provider = "mock"
                online_led = 5
                offline_led = 6
                alert_led = 13
                buzzer = 19
                modem_power_key = 26
                [log]
                level = "debug"
                """.formatted(ca, cert, key), ORIGIN);

        assertEquals(new PostermConfig.Terminal("T0000042", "MERCHANT0000042", "JPY", 392, 0,
                PostermConfig.Locale.ZH_CN, "Noodle Bar"), config.terminal());
        assertEquals(Path.of("/srv/posterm"), config.data().dir());
        assertEquals(new PostermConfig.Host("acq.example.com", 7443, true, Optional.of(ca), false,
                Duration.ofMillis(45_000)), config.host());
        assertEquals(new PostermConfig.SerialPort("tcp:10.0.0.5:4001", 57_600), config.reader());
        assertEquals(new PostermConfig.SerialPort("/dev/ttyS1", 9_600), config.printer());
        assertEquals(new PostermConfig.Modem(Optional.of("/dev/ttyUSB2"), 115_200), config.modem());
        assertEquals(new PostermConfig.Api("::1", 8443, "cccccccccccccccc", "bbbbbbbbbbbbbbbb", Optional.of(cert),
                Optional.of(key), false), config.api());
        assertEquals(new PostermConfig.Offline(false, 5000, 5000, 10, 24, 3, List.of(), List.of(),
                OfflineSections.EXPOSURE_STEPS, OfflineSections.OUTAGE_STEPS), config.offline());
        assertEquals(new PostermConfig.Orders(60), config.orders());
        assertEquals(new PostermConfig.Gpio("mock", 5, 6, 13, 19, Optional.of(26)), config.gpio());
        assertEquals(new PostermConfig.Log("debug"), config.log());
    }

    @Test
    void theTamperSwitchAndServiceButtonAreReadFromGpioAndAbsentMeansNoneFitted() throws Exception {
        PostermConfig fitted = ConfigLoader.parse(MINIMAL + """
                [gpio]
                tamper = 5
                service_button = 6
                """, ORIGIN);
        assertEquals(Optional.of(5), fitted.gpio().tamper());
        assertEquals(Optional.of(6), fitted.gpio().serviceButton());

        PostermConfig bare = ConfigLoader.parse(MINIMAL, ORIGIN);
        assertEquals(Optional.empty(), bare.gpio().tamper());
        assertEquals(Optional.empty(), bare.gpio().serviceButton());
    }

    @Test
    void aTamperPinOutOfRangeOrTakenIsReportedWithItsKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                [gpio]
                tamper = 40
                service_button = 17
                """, ORIGIN));
        assertEquals(List.of(new Reported("gpio.tamper", 22), new Reported("gpio.service_button", 23)), reported(e));
        assertTrue(e.getMessage().contains("gpio.service_button: BCM 17 is already used by gpio.online_led"),
                e.getMessage());
    }

    @Test
    void absentOptionalKeysTakeTheirDocumentedDefaults() throws Exception {
        PostermConfig config = ConfigLoader.parse(MINIMAL, ORIGIN);

        assertEquals(new PostermConfig.Terminal("T0000001", "M00000000000001", "CNY", 156, 2,
                PostermConfig.Locale.EN, "posterm"), config.terminal());
        assertEquals(new PostermConfig.Host("127.0.0.1", 9000, false, Optional.empty(), false,
                Duration.ofMillis(30_000)), config.host());
        assertEquals(115_200, config.reader().baud());
        assertEquals(19_200, config.printer().baud());
        assertFalse(config.modem().present());
        assertEquals("127.0.0.1", config.api().listenHost());
        assertEquals(8780, config.api().listenPort());
        assertEquals(Optional.empty(), config.api().tlsCertificate());
        assertEquals(new PostermConfig.Offline(true, 20_000, 200_000, 50, 72, 3, List.of(), List.of(),
                OfflineSections.EXPOSURE_STEPS, OfflineSections.OUTAGE_STEPS), config.offline());
        assertEquals(new PostermConfig.Saf(4, java.time.Duration.ofSeconds(2), java.time.Duration.ofMinutes(1),
                java.time.Duration.ofHours(12)), config.saf());
        assertEquals(new PostermConfig.Link(java.time.Duration.ofSeconds(30), 50), config.link());
        assertEquals(900, config.orders().payWithinSeconds());
        assertEquals(new PostermConfig.Gpio("auto", 17, 27, 22, 23, Optional.empty()), config.gpio());
        assertEquals("info", config.log().level());
    }

    @Test
    void aRelativeDataDirIsTakenFromTheConfigFilesFolderNotTheWorkingDirectory() throws Exception {
        String text = new String(ConfigLoaderTest.class.getResourceAsStream("/dev/posterm/config/example.toml")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("dir = \"/var/lib/posterm\"", "dir = \"data\"");
        PostermConfig config = ConfigLoader.parse(text, java.nio.file.Path.of("/etc/posterm/posterm.toml"));
        assertEquals(java.nio.file.Path.of("/etc/posterm/data"), config.data().dir());
    }

    @Test
    void theAlertLimitsHaveDefaultsAndAreChecked() throws Exception {
        PostermConfig defaults = ConfigLoader.parse(MINIMAL, ORIGIN);
        assertEquals(new PostermConfig.AlertLimits(java.time.Duration.ofMinutes(10), 80), defaults.alerts());
        PostermConfig set = ConfigLoader.parse(MINIMAL + "[alerts]\nlink_down_minutes = 3\nsaf_near_percent = 90\n",
                ORIGIN);
        assertEquals(new PostermConfig.AlertLimits(java.time.Duration.ofMinutes(3), 90), set.alerts());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL
                + "[alerts]\nlink_down_minutes = 0\nsaf_near_percent = 100\nbuzz = true\n", ORIGIN));
        assertTrue(e.getMessage().contains("alerts.link_down_minutes"), e.getMessage());
        assertTrue(e.getMessage().contains("alerts.saf_near_percent"), e.getMessage());
        assertTrue(e.getMessage().contains("alerts.buzz"), e.getMessage());
    }

    @Test
    void theOfflineRiskRulesReadTheirArrays() throws Exception {
        String text = example()
                .replace("velocity_per_card = 3", "velocity_per_card = 2")
                .replace("blocked_ranges = []", "blocked_ranges = [\"622202\", \"4\"]")
                .replaceFirst("exposure_steps = \\[.*", "exposure_steps = [{ held_percent = 40, floor_percent = 60 }]")
                .replaceFirst("outage_steps = \\[.*", "outage_steps = [{ minutes = 10, floor_percent = 90 }, "
                        + "{ minutes = 60, floor_percent = 30 }]")
                .replace("window = 4 ", "window = 16 ");
        PostermConfig config = ConfigLoader.parse(text, ORIGIN);
        assertEquals(2, config.offline().velocityPerCard());
        assertEquals(List.of("622202", "4"), config.offline().blockedRanges());
        assertEquals(List.of(new PostermConfig.Step(40, 60)), config.offline().exposureSteps());
        assertEquals(List.of(new PostermConfig.Step(10, 90), new PostermConfig.Step(60, 30)),
                config.offline().outageSteps());
        assertEquals(16, config.saf().window());
    }

    @Test
    void badRiskRulesAreReportedNotIgnored() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(example()
                .replace("blocked_ranges = []", "blocked_ranges = [\"62x\"]")
                .replaceFirst("outage_steps = \\[.*", "outage_steps = [{ minutes = 60, floor_percent = 30 }, "
                        + "{ minutes = 10, floor_percent = 90 }]"), ORIGIN));
        assertTrue(e.getMessage().contains("offline.blocked_ranges"), e.getMessage());
        assertTrue(e.getMessage().contains("thresholds must rise"), e.getMessage());
    }

    private static String example() throws IOException {
        return new String(ConfigLoaderTest.class.getResourceAsStream("/dev/posterm/config/example.toml")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void severalMistakesAreAllReportedWithKeyPathAndLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                [terminal]
                id = "T001"
                merchant_id = "M00000000000001"
                currency = "XYZ"

                [data]
                dir = ""

                [host]
                address = "127.0.0.1:9000"
                timeout_ms = 500

                [reader]
                port = "/dev/ttyUSB0"
                baud = 115201

                [printer]
                port = "/dev/ttyUSB1"

                [api]
                cashier_token = "cashier-token-0123"
                backoffice_token = "backoffice-token-0123"

                [offline]
                floor_limit = 300000
                max_count = "fifty"

                [gpio]
                buzzer = 17
                """, ORIGIN));

        assertEquals(List.of(
                new Reported("terminal.id", 2),
                new Reported("terminal.currency", 4),
                new Reported("data.dir", 7),
                new Reported("host.timeout_ms", 11),
                new Reported("reader.baud", 15),
                new Reported("offline.floor_limit", 25),
                new Reported("offline.max_count", 26),
                new Reported("gpio.buzzer", 29)), reported(e));
        assertTrue(e.getMessage().contains("line 29: gpio.buzzer: BCM 17 is already used by gpio.online_led"),
                e.getMessage());
        assertTrue(e.getMessage().contains("line 26: offline.max_count: must be an integer, was a string"),
                e.getMessage());
    }

    @Test
    void unknownKeyAndUnknownTableAreProblems() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                [offline]
                floor_limt = 100

                [modme]
                port = "none"
                """, ORIGIN));

        // MINIMAL has 20 lines; the offline table starts on line 21.
        assertEquals(List.of(new Reported("offline.floor_limt", 22), new Reported("modme", 24)), reported(e));
    }

    @Test
    void syntaxErrorIsReportedWithItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                [terminal]
                id = "T0000001"
                merchant_id = "M00000000000001
                currency = "CNY"
                """, ORIGIN));

        assertEquals(1, e.problems().size());
        assertEquals("", e.problems().get(0).keyPath());
        assertEquals(3, e.problems().get(0).line());
        assertTrue(e.problems().get(0).message().startsWith("TOML syntax error"), e.getMessage());
    }

    @Test
    void keyGivenTwiceIsReportedOnItsSecondLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                MINIMAL.replace("port = \"/dev/ttyUSB0\"", "port = \"/dev/ttyUSB0\"\nport = \"/dev/ttyUSB3\""), ORIGIN));

        assertEquals(List.of(new Reported("reader.port", 14)), reported(e));
        assertTrue(e.getMessage().contains("first on line 13"), e.getMessage());
    }

    @Test
    void missingRequiredKeysAreEachReportedWithoutALine() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                [terminal]
                currency = "CNY"
                """, ORIGIN));

        assertEquals(List.of(
                new Reported("terminal.id", 0),
                new Reported("terminal.merchant_id", 0),
                new Reported("data.dir", 0),
                new Reported("host.address", 0),
                new Reported("reader.port", 0),
                new Reported("printer.port", 0),
                new Reported("api.cashier_token", 0),
                new Reported("api.backoffice_token", 0)), reported(e));
    }

    @Test
    void tlsWithoutCaFileIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                MINIMAL.replace("address = \"127.0.0.1:9000\"", "address = \"acq.example.com:7443\"\ntls = true"),
                ORIGIN));

        assertEquals(List.of(new Reported("host.ca_file", 0)), reported(e));
    }

    @Test
    void caFileThatDoesNotExistIsRefusedOnItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                MINIMAL.replace("address = \"127.0.0.1:9000\"",
                        "address = \"acq.example.com:7443\"\ntls = true\nca_file = \"/nonexistent/ca.pem\""),
                ORIGIN));

        assertEquals(List.of(new Reported("host.ca_file", 12)), reported(e));
    }

    @Test
    void plainTcpToARemoteHostIsRefusedUnlessAllowed() throws Exception {
        String remote = MINIMAL.replace("127.0.0.1:9000", "10.1.2.3:9000");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(remote, ORIGIN));
        assertEquals(List.of(new Reported("host.address", 10)), reported(e));

        PostermConfig allowed = ConfigLoader.parse(
                remote.replace("address = \"10.1.2.3:9000\"", "address = \"10.1.2.3:9000\"\nallow_plain_tcp = true"),
                ORIGIN);
        assertTrue(allowed.host().allowPlainTcp());
        assertEquals("10.1.2.3", allowed.host().host());

        PostermConfig loopback = ConfigLoader.parse(MINIMAL.replace("127.0.0.1:9000", "localhost:9000"), ORIGIN);
        assertEquals("localhost", loopback.host().host());
    }

    @Test
    void aHostAddressWhoseHostIsNeitherAnIpLiteralNorADnsNameIsRefusedOnItsLine() {
        String label63 = "a".repeat(63);
        String name254 = String.join(".", label63, label63, label63, "a".repeat(61)) + ".b";
        for (String bad : List.of("acq_1.example.com:7443", "-acq.example.com:7443", "acq-.example.com:7443",
                "acq..example.com:7443", ".acq.example.com:7443", "acq.example.com.:7443", "bücher.example:7443",
                "a".repeat(64) + ".example.com:7443", name254 + ":7443", "300.1.2.3:9000", "10.1.2:9000",
                "[::g]:9000", "[1:2:3:4:5:6:7:8:9]:9000", "[1::2::3]:9000", "[10.1.2.3]:9000", "[acq.example.com]:9000",
                "acq.example.com:0", "acq.example.com:65536")) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL.replace(
                    "address = \"127.0.0.1:9000\"", "address = \"" + bad + "\"\nallow_plain_tcp = true"), ORIGIN), bad);
            assertEquals(List.of(new Reported("host.address", 10)), reported(e), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void hostAddressesThatAreIpLiteralsOrDnsNamesAreAccepted() throws ConfigException {
        String label63 = "a".repeat(63);
        String name253 = String.join(".", label63, label63, label63, "a".repeat(61));
        for (String good : List.of("acq.example.com:7443", "ACQ-1.Example.COM:7443", "1acq.example.com:1", "x:65535",
                label63 + ".example.com:7443", name253 + ":7443", "10.1.2.3:9000", "[::1]:9000",
                "[2001:DB8::10]:9000", "[::ffff:10.1.2.3]:9000", "[1:2:3:4:5:6:7:8]:9000", "localhost:9000")) {
            String host = good.substring(0, good.lastIndexOf(':')).replace("[", "").replace("]", "");
            PostermConfig config = ConfigLoader.parse(MINIMAL.replace(
                    "address = \"127.0.0.1:9000\"", "address = \"" + good + "\"\nallow_plain_tcp = true"), ORIGIN);
            assertEquals(host, config.host().host(), good);
        }
    }

    @Test
    void anApiListenAddressWithABadHostIsRefusedOnItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                MINIMAL + "listen = \"pos_terminal:8780\"\n", ORIGIN));
        assertEquals(List.of(new Reported("api.listen", 21)), reported(e));
    }

    @Test
    void plainHttpOffLoopbackIsRefusedOnTheListenLineUnlessAllowedOrTls(@TempDir Path dir) throws Exception {
        String open = MINIMAL + "listen = \"0.0.0.0:8780\"\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(open, ORIGIN));
        assertEquals(List.of(new Reported("api.listen", 21)), reported(e));
        assertTrue(e.getMessage().contains("api.allow_plain_http"), e.getMessage());
        ConfigException lan = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                MINIMAL + "listen = \"192.168.1.20:8780\"\n", ORIGIN));
        assertEquals(List.of(new Reported("api.listen", 21)), reported(lan));

        PostermConfig lab = ConfigLoader.parse(open + "allow_plain_http = true\n", ORIGIN);
        assertTrue(lab.api().allowPlainHttp());
        assertEquals("0.0.0.0", lab.api().listenHost());
        PostermConfig tls = ConfigLoader.parse(open + "tls_certificate = \"" + pem(dir, "api.pem") + "\"\n"
                + "tls_key = \"" + pem(dir, "api.key") + "\"\n", ORIGIN);
        assertFalse(tls.api().allowPlainHttp());
        for (String loopback : List.of("127.0.0.1:8780", "localhost:8780", "[::1]:8780")) {
            assertEquals(8780, ConfigLoader.parse(MINIMAL + "listen = \"" + loopback + "\"\n", ORIGIN).api().listenPort());
        }
        assertFalse(ConfigLoader.parse(MINIMAL, ORIGIN).api().allowPlainHttp(), "off unless switched on");
    }

    @Test
    void tokensEmptySpacedOrEqualAreRefusedWithoutShowingThem() {
        ConfigException spaced = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                MINIMAL.replace("cashier-token-0123", "s3cret token"), ORIGIN));
        assertEquals(List.of(new Reported("api.cashier_token", 19)), reported(spaced));
        assertFalse(spaced.getMessage().contains("s3cret"), spaced.getMessage());
        ConfigException empty = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                MINIMAL.replace("cashier-token-0123", ""), ORIGIN));
        assertEquals(List.of(new Reported("api.cashier_token", 19)), reported(empty));

        ConfigException equal = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                MINIMAL.replace("backoffice-token-0123", "cashier-token-0123"), ORIGIN));
        assertEquals(List.of(new Reported("api.backoffice_token", 20)), reported(equal));
        assertFalse(equal.getMessage().contains("cashier-token-0123"), equal.getMessage());
    }

    @Test
    void aShortTokenIsAcceptedWithAWarningThatDoesNotShowIt() throws ConfigException {
        PostermConfig cfg = ConfigLoader.parse(MINIMAL.replace("cashier-token-0123", "s3cret"), ORIGIN);
        assertEquals("s3cret", cfg.api().cashierToken());
        assertEquals(1, cfg.api().warnings().size(), cfg.api().warnings().toString());
        assertTrue(cfg.api().warnings().get(0).contains("api.cashier_token has 6 characters"));
        assertFalse(cfg.api().warnings().get(0).contains("s3cret"));
    }

    @Test
    void apiCertificateWithoutKeyIsRefused(@TempDir Path dir) throws IOException {
        Path cert = pem(dir, "api.pem");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                MINIMAL + "tls_certificate = \"" + cert + "\"\n", ORIGIN));
        assertEquals(List.of(new Reported("api.tls_key", 0)), reported(e));
    }

    @Test
    void valuesOfTheWrongTypeAreRejectedNotConverted() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + """
                [orders]
                pay_within_seconds = 900.0
                [log]
                level = "INFO"
                """, ORIGIN));
        assertEquals(List.of(new Reported("orders.pay_within_seconds", 22), new Reported("log.level", 24)),
                reported(e));
    }

    @Test
    void loadReadsAFileAndNamesItInTheReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("posterm.toml");
        Files.writeString(file, MINIMAL);
        assertEquals("T0000001", ConfigLoader.load(file).terminal().id());

        Path missing = dir.resolve("absent.toml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing));
        assertEquals(missing, e.file());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    /** What a technician reads from a report: which key, which line. */
    record Reported(String keyPath, int line) {
    }

    static List<Reported> reported(ConfigException e) {
        return e.problems().stream().map(p -> new Reported(p.keyPath(), p.line())).toList();
    }

    private static Path pem(Path dir, String name) throws IOException {
        return Files.writeString(dir.resolve(name), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
    }
}
