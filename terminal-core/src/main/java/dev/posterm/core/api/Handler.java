package dev.posterm.core.api;

import dev.posterm.core.errors.Refused;
import java.io.IOException;

/** One route's work, given a request that has passed authentication and the role check. */
@FunctionalInterface
interface Handler {
    Reply handle(Call call) throws Refused, InterruptedException, IOException;
}
