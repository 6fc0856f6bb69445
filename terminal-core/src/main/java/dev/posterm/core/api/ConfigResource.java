package dev.posterm.core.api;

import dev.posterm.config.ConfigProblem;
import dev.posterm.config.bundle.Bundle;
import dev.posterm.core.bundle.ConfigDesk;
import dev.posterm.core.bundle.Intake;
import dev.posterm.core.bundle.RedactedConfig;
import dev.posterm.core.bundle.Source;
import dev.posterm.core.errors.ErrorCode;
import dev.posterm.core.errors.Refused;
import dev.posterm.core.journal.ConfigTable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /config}: the back office's signed configuration bundles ({@code config-bundle.md},
 * docs/api.md). A bundle's refusal is a problem with the spec's error code; BUNDLE_INVALID adds
 * {@code problems: [{key, line, message}]}, every one.
 */
final class ConfigResource {
    static final String SOURCE = "X-Bundle-Source";
    static final String ORIGIN = "X-Bundle-Origin";
    private final ConfigDesk desk;

    ConfigResource(ConfigDesk desk) {
        this.desk = desk;
    }

    Reply post(Call call) throws Refused, IOException {
        call.query();
        JsonFields body = call.jsonBody();
        body.allowOnly(Set.of("toml", "signature"));
        String toml = body.requiredText("toml");
        String signature = body.optionalText("signature").orElse("");
        Source source = source(call);
        String origin = call.header(ORIGIN).filter(o -> o.length() <= 200).orElse("api") + " (request "
                + call.requestId() + ")";
        return switch (desk.submit(Bundle.of(toml, signature, origin), source)) {
            case Intake.Taken t -> Reply.Json.ok(Map.of("applied", true, "version", t.version()));
            case Intake.Refused r -> throw new BundleRefused(ErrorCode.valueOf(r.refusal().code().name()),
                    r.refusal().message(), r.refusal().problems());
        };
    }

    /**
     * {@code posterm config import} goes through the API when the controller runs, and says so with
     * {@value #SOURCE} (STICK or CLI) and {@value #ORIGIN} (the path), so the history tells them apart.
     */
    private static Source source(Call call) throws Refused {
        Optional<String> given = call.header(SOURCE);
        if (given.isEmpty()) {
            return Source.API;
        }
        return switch (given.get()) {
            case "STICK" -> Source.STICK;
            case "CLI" -> Source.CLI;
            case "API" -> Source.API;
            default -> throw new Refused(ErrorCode.BAD_REQUEST, "Header '" + SOURCE + "' must be API, STICK or CLI.");
        };
    }

    Reply read(Call call) throws Refused {
        call.query();
        ConfigTable.Running r = desk.running();
        Map<String, Object> out = running(r, desk.applying());
        out.put("configuration", RedactedConfig.of(desk.config()));
        return Reply.Json.ok(out);
    }

    Reply history(Call call) throws Refused {
        call.query();
        List<Map<String, Object>> attempts = desk.history().stream().map(ConfigResource::attempt).toList();
        return Reply.Json.ok(Map.of("attempts", attempts));
    }

    /** {@code {version, appliedAt, source, state}}: also the {@code config} member of GET /status. */
    static Map<String, Object> running(ConfigTable.Running r, boolean applying) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", r.version());
        r.appliedAt().ifPresent(at -> out.put("appliedAt", Views.time(at)));
        r.source().ifPresent(source -> out.put("source", source));
        out.put("state", applying || r.state() == ConfigTable.State.APPLYING ? "APPLYING" : "RUNNING");
        return out;
    }

    private static Map<String, Object> attempt(ConfigTable.Attempt a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", Views.time(a.at()));
        a.version().ifPresent(v -> out.put("version", v));
        out.put("source", a.source());
        if (!a.origin().isEmpty()) {
            out.put("origin", a.origin());
        }
        out.put("outcome", a.outcome());
        a.code().ifPresent(code -> out.put("errorCode", code));
        out.put("reason", a.reason());
        return out;
    }

    /** A refused bundle as problem+json, with every problem of an invalid one. */
    private static final class BundleRefused extends Refused {
        private final List<ConfigProblem> problems;

        BundleRefused(ErrorCode code, String detail, List<ConfigProblem> problems) {
            super(code, detail);
            this.problems = List.copyOf(problems);
        }

        @Override
        public Map<String, Object> members() {
            if (code() != ErrorCode.BUNDLE_INVALID) {
                return Map.of();
            }
            return Map.of("problems", problems.stream().map(p -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("key", p.keyPath());
                one.put("line", p.line());
                one.put("message", p.message());
                return one;
            }).toList());
        }
    }
}
