package dev.posterm.core.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import org.tinylog.Logger;

/**
 * The gateway over HTTPS (wallet-gateway.md): each call one signed exchange ({@link SignedExchange}),
 * its answer read into the call's sealed outcome. Never retries on its own: whether to ask again is
 * {@link QrPaymentFlow}'s decision, and each new request gets a new nonce. Unknown answer fields are
 * ignored (a gateway may add some); an unknown {@code code} or {@code tradeState} is an unknown outcome.
 */
public final class HttpWalletGateway implements WalletGateway {
    private final SignedExchange exchange;
    private final ObjectMapper json = new ObjectMapper();

    HttpWalletGateway(SignedExchange exchange) {
        this.exchange = exchange;
    }

    /** A client for {@code settings}, signing with {@code clock}'s time. */
    public static HttpWalletGateway connect(GatewaySettings settings, Clock clock) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)   // a redirect would carry the payment code elsewhere
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        return new HttpWalletGateway(new SignedExchange(settings, http, clock,
                new Nonces(new SecureRandom(), Duration.ofSeconds(SignedExchange.SKEW_SECONDS))));
    }

    @Override
    public PayOutcome pay(GatewayCall.Pay call) throws InterruptedException {
        ObjectNode body = json.createObjectNode()
                .put("outTradeNo", call.outTradeNo().value())
                .put("amount", call.amount())
                .put("currency", call.currency())
                .put("authCode", call.authCode().digits())
                .put("subject", call.subject())
                .put("terminalId", call.terminalId());
        Logger.info("wallet pay {} {} {} {}", call.outTradeNo(), call.amount(), call.currency(), call.authCode());
        return switch (exchange.post(call.name(), bytes(body))) {
            case Exchange.NoAnswer no -> new PayOutcome.Unknown(no.reason());
            case Exchange.SignRefused refused -> new PayOutcome.SignRefused();
            case Exchange.Answered answer -> switch (code(answer)) {
                case "SUCCESS" -> new PayOutcome.Paid(details(answer.body()));
                case "USERPAYING" -> new PayOutcome.UserPaying();
                case "FAIL" -> new PayOutcome.Refused(errCode(answer), text(answer.body(), "errMsg").orElse(""));
                case "SYSTEMERROR" -> new PayOutcome.Unknown("SYSTEMERROR");
                default -> new PayOutcome.Unknown("unexpected code " + code(answer));
            };
        };
    }

    @Override
    public QueryOutcome query(GatewayCall.Query call) throws InterruptedException {
        return switch (exchange.post(call.name(), bytes(tradeOnly(call.outTradeNo())))) {
            case Exchange.NoAnswer no -> new QueryOutcome.Unknown(no.reason());
            case Exchange.SignRefused refused -> new QueryOutcome.SignRefused();
            case Exchange.Answered answer -> switch (code(answer)) {
                case "SUCCESS" -> found(answer.body());
                case "FAIL" -> "ORDERNOTEXIST".equals(errCode(answer)) ? new QueryOutcome.NotFound()
                        : new QueryOutcome.Refused(errCode(answer));
                case "SYSTEMERROR" -> new QueryOutcome.Unknown("SYSTEMERROR");
                default -> new QueryOutcome.Unknown("unexpected code " + code(answer));
            };
        };
    }

    @Override
    public ReverseOutcome reverse(GatewayCall.Reverse call) throws InterruptedException {
        Logger.info("wallet reverse {}", call.outTradeNo());
        return switch (exchange.post(call.name(), bytes(tradeOnly(call.outTradeNo())))) {
            case Exchange.NoAnswer no -> new ReverseOutcome.CallAgain(no.reason());
            case Exchange.SignRefused refused -> new ReverseOutcome.CallAgain("SIGN_ERROR");
            case Exchange.Answered answer -> switch (code(answer)) {
                case "SUCCESS" -> answer.body().path("recall").asBoolean(false)
                        ? new ReverseOutcome.CallAgain("recall") : new ReverseOutcome.Reversed();
                case "FAIL" -> "ORDERNOTEXIST".equals(errCode(answer)) ? new ReverseOutcome.NothingToUndo()
                        : new ReverseOutcome.Refused(errCode(answer));
                case "SYSTEMERROR" -> new ReverseOutcome.CallAgain("SYSTEMERROR");
                default -> new ReverseOutcome.CallAgain("unexpected code " + code(answer));
            };
        };
    }

    @Override
    public RefundOutcome refund(GatewayCall.Refund call) throws InterruptedException {
        ObjectNode body = json.createObjectNode()
                .put("outTradeNo", call.outTradeNo().value())
                .put("outRefundNo", call.outRefundNo().value())
                .put("refundAmount", call.refundAmount());
        Logger.info("wallet refund {} {} {}", call.outTradeNo(), call.outRefundNo(), call.refundAmount());
        return switch (exchange.post(call.name(), bytes(body))) {
            case Exchange.NoAnswer no -> new RefundOutcome.Unknown(no.reason());
            case Exchange.SignRefused refused -> new RefundOutcome.SignRefused();
            case Exchange.Answered answer -> switch (code(answer)) {
                case "SUCCESS" -> new RefundOutcome.Accepted(text(answer.body(), "refundId").orElse(""));
                case "FAIL" -> new RefundOutcome.Refused(errCode(answer), text(answer.body(), "errMsg").orElse(""));
                case "SYSTEMERROR" -> new RefundOutcome.Unknown("SYSTEMERROR");
                default -> new RefundOutcome.Unknown("unexpected code " + code(answer));
            };
        };
    }

    private QueryOutcome found(JsonNode body) {
        String state = text(body, "tradeState").orElse("");
        for (TradeState known : TradeState.values()) {
            if (known.name().equals(state)) {
                return new QueryOutcome.Found(known, details(body));
            }
        }
        return new QueryOutcome.Unknown("unexpected tradeState '" + state + "'");
    }

    private ObjectNode tradeOnly(OutTradeNo outTradeNo) {
        return json.createObjectNode().put("outTradeNo", outTradeNo.value());
    }

    private byte[] bytes(ObjectNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode of strings and numbers always writes", e);
        }
    }

    private static String code(Exchange.Answered answer) {
        return answer.body().path("code").asText();
    }

    /** A FAIL without errCode is still a final refusal; it is named "FAIL". */
    private static String errCode(Exchange.Answered answer) {
        return text(answer.body(), "errCode").orElse("FAIL");
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode node = body.path(field);
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static TradeDetails details(JsonNode body) {
        JsonNode amount = body.path("amount");
        return new TradeDetails(text(body, "tradeNo"), text(body, "wallet").flatMap(HttpWalletGateway::wallet),
                amount.isIntegralNumber() && amount.canConvertToLong() ? OptionalLong.of(amount.asLong())
                        : OptionalLong.empty(),
                text(body, "paidAt").flatMap(HttpWalletGateway::time));
    }

    private static Optional<Wallet> wallet(String name) {
        for (Wallet w : Wallet.values()) {
            if (w.name().equals(name)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    private static Optional<OffsetDateTime> time(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
