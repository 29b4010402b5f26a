package io.dbsync.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reliability case 17: an unknown user and a known user with a wrong password take the same time
 * to be refused (the unknown one is checked against a dummy bcrypt hash of the same cost), so the
 * response time does not tell whether a username exists.
 *
 * <p>Both kinds are sent over one keep-alive connection, one at a time, in a shuffled order after a
 * warm-up, so drift (JIT, GC, a busy neighbour) falls on both alike; the medians are compared.
 * Every attempt uses a username that no other attempt of its kind uses often: the unknown ones are
 * all distinct, and the wrong passwords go round {@value #REAL_USERS} real users. The throttle is
 * set high so every attempt is a real bcrypt check (a 429 would be answered without one).
 */
@Timeout(120)
class AuthTimingIT {
    private static final int SAMPLES = 300;
    private static final int WARM_UP = 40;
    private static final int REAL_USERS = 20;
    private static final int NO_BCRYPT_SAMPLES = 50;
    private static final double MAX_DIFF_PERCENT = 5.0;
    private static final long SEED = 17L;

    private static TestMongo mongo;
    private static SecurityApi api;
    private static final List<String> realUsers = new ArrayList<>();

    private enum Kind { UNKNOWN_USER, WRONG_PASSWORD, NO_CREDENTIALS }

    @BeforeAll
    static void start() {
        mongo = TestMongo.start();
        api = SecurityApi.start(mongo.source(), mongo.target(), TestPostgres.freshDatabase(), 1_000_000);
        for (int i = 0; i < REAL_USERS; i++) {
            String username = "timing-user-" + i;
            api.userAdmin().add(username, "real-password-" + i + "-x");
            realUsers.add(username);
        }
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    /** A wrong password of the same length as the unknown users' passwords, so the request bytes match in size. */
    private static String guess(Random random) {
        return "guess-" + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }

    private static String authorization(Kind kind, int index, Random random) {
        return switch (kind) {
            case UNKNOWN_USER -> TestApi.basic("nobody-" + String.format(Locale.ROOT, "%05d", index) + "-"
                    + UUID.randomUUID().toString().substring(0, 8), guess(random));
            case WRONG_PASSWORD -> TestApi.basic(realUsers.get(index % REAL_USERS), guess(random));
            case NO_CREDENTIALS -> null;
        };
    }

    /** One refused login, timed on the client from sending the request to having the whole response. */
    private static double attemptMillis(Kind kind, int index, Random random) {
        String authorization = authorization(kind, index, random);
        long start = System.nanoTime();
        HttpResponse<String> response = api.send("POST", "/syncdb", authorization, "{}");
        long elapsed = System.nanoTime() - start;
        assertThat(response.statusCode()).as("%s #%d must be refused by the password check: %s", kind, index,
                response.body()).isEqualTo(401);
        return elapsed / 1_000_000.0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(p / 100.0 * (sorted.size() - 1))));
    }

    private static List<Kind> shuffled(int each, Random random, Kind... kinds) {
        List<Kind> order = new ArrayList<>();
        for (Kind kind : kinds) {
            order.addAll(Collections.nCopies(each, kind));
        }
        Collections.shuffle(order, random);
        return order;
    }

    @Test
    void anUnknownUserAndAWrongPasswordTakeTheSameTimeToBeRefused() {
        Random random = new Random(SEED);
        int index = 0;
        for (Kind kind : shuffled(WARM_UP, random, Kind.UNKNOWN_USER, Kind.WRONG_PASSWORD)) {
            attemptMillis(kind, index++, random);
        }

        List<Double> unknown = new ArrayList<>();
        List<Double> wrongPassword = new ArrayList<>();
        List<Double> noCredentials = new ArrayList<>();
        List<Kind> order = shuffled(SAMPLES, random, Kind.UNKNOWN_USER, Kind.WRONG_PASSWORD);
        // A few requests that never reach bcrypt, spread through the run: they show the timer can tell a difference.
        for (int i = 0; i < NO_BCRYPT_SAMPLES; i++) {
            order.add(random.nextInt(order.size() + 1), Kind.NO_CREDENTIALS);
        }
        long started = System.nanoTime();
        for (Kind kind : order) {
            double millis = attemptMillis(kind, index++, random);
            switch (kind) {
                case UNKNOWN_USER -> unknown.add(millis);
                case WRONG_PASSWORD -> wrongPassword.add(millis);
                case NO_CREDENTIALS -> noCredentials.add(millis);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        double medianUnknown = median(unknown);
        double medianWrong = median(wrongPassword);
        // Compared at the lower quartile: contention from other processes only ever adds time, and on a busy
        // two-core machine it moved the medians 5 % apart while the lower quartiles stayed within 1 %.
        double lowUnknown = percentile(unknown, 25);
        double lowWrong = percentile(wrongPassword, 25);
        double diffPercent = Math.abs(lowUnknown - lowWrong) / Math.min(lowUnknown, lowWrong) * 100.0;
        System.out.printf(Locale.ROOT, "case=auth-timing medianUnknownMs=%.2f medianWrongPasswordMs=%.2f "
                        + "p25DiffPercent=%.2f samplesEach=%d p25p75UnknownMs=%.2f/%.2f p25p75WrongPasswordMs=%.2f/%.2f "
                        + "medianNoBcryptMs=%.2f seconds=%.1f seed=%d%n",
                medianUnknown, medianWrong, diffPercent, SAMPLES, percentile(unknown, 25), percentile(unknown, 75),
                percentile(wrongPassword, 25), percentile(wrongPassword, 75), median(noCredentials), seconds, SEED);

        // The check has teeth: a refusal without bcrypt is measurably faster than either kind.
        assertThat(median(noCredentials)).as("the timer distinguishes a refusal without bcrypt")
                .isLessThan(Math.min(medianUnknown, medianWrong) * 0.5);
        assertThat(diffPercent).as("lower quartile unknown-user %.2f ms vs wrong-password %.2f ms", lowUnknown, lowWrong)
                .isLessThanOrEqualTo(MAX_DIFF_PERCENT);
    }
}
