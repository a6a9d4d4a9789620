package dev.pairing.launcher.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One look at an HTTP endpoint that says whether a process is ready: a readiness probe, a server's
 * answer while it starts. Not listening, not answering in time and any status but 200 all mean
 * "not yet"; an interrupt ends the look with the thread's interrupt flag set.
 */
public final class HttpProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HttpProbe() {}

    /** Whether a GET of {@code uri} answers 200 within {@code timeout}. */
    public static boolean answersOk(URI uri, Duration timeout) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
