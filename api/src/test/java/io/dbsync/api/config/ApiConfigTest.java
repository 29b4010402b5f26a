package io.dbsync.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

class ApiConfigTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static final String[] MINIMAL = {
            "SOURCE_MONGODB_URI", "mongodb+srv://app:pw@cluster0.example.net/shop?retryWrites=true",
            "TARGET_MONGODB_URI", "mongodb://standby.example.net:27017/shop_standby",
            "DATABASE_URL", "postgres://u:p%40ss@db.example.net:6543/users?sslmode=require"};

    @Test
    void readsEverythingWithDefaults() {
        ApiConfig config = ApiConfig.fromEnv(env(MINIMAL));

        assertThat(config.source().database()).isEqualTo("shop");
        assertThat(config.target().database()).isEqualTo("shop_standby");
        assertThat(config.database()).isEqualTo(new DatabaseUrl("jdbc:postgresql://db.example.net:6543/users?sslmode=require", "u", "p@ss"));
        assertThat(config.port()).isEqualTo(7070);
        assertThat(config.bcryptCost()).isEqualTo(12);
        assertThat(config.syncWait()).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void acceptsTheSeedsVariableNamesAndDatabaseOverrides() {
        ApiConfig config = ApiConfig.fromEnv(env("MONGODB", "mongodb://a.example.net/", "TARGETDB", "mongodb://b.example.net/x",
                "SOURCE_DB", "prod", "TARGET_DB", "prod_copy", "DATABASE_URL", "jdbc:postgresql://h/db", "PORT", "8080"));

        assertThat(config.source().database()).isEqualTo("prod");
        assertThat(config.target().database()).isEqualTo("prod_copy");
        assertThat(config.database().jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
        assertThat(config.port()).isEqualTo(8080);
    }

    @Test
    void malformedValuesNameTheVariable() {
        Map<String, String> badPort = env(MINIMAL);
        badPort.put("PORT", "seventy");
        Map<String, String> noDatabase = env(MINIMAL);
        noDatabase.put("SOURCE_MONGODB_URI", "mongodb://a.example.net");
        Map<String, String> badPostgres = env(MINIMAL);
        badPostgres.put("DATABASE_URL", "mysql://x");
        Map<String, String> lowCost = env(MINIMAL);
        lowCost.put("BCRYPT_COST", "4");
        Map<String, String> sameDatabase = env(MINIMAL);
        sameDatabase.put("TARGET_MONGODB_URI", sameDatabase.get("SOURCE_MONGODB_URI"));

        assertThatThrownBy(() -> ApiConfig.fromEnv(badPort)).hasMessageContaining("PORT");
        assertThatThrownBy(() -> ApiConfig.fromEnv(noDatabase)).hasMessageContaining("SOURCE_MONGODB_URI").hasMessageContaining("SOURCE_DB");
        assertThatThrownBy(() -> ApiConfig.fromEnv(badPostgres)).hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> ApiConfig.fromEnv(lowCost)).hasMessageContaining("BCRYPT_COST");
        assertThatThrownBy(() -> ApiConfig.fromEnv(sameDatabase)).hasMessageContaining("same database");
    }

    @Test
    void theSameDatabaseSpelledDifferentlyIsStillRefusedAsTheStandby() {
        String[][] sameDatabase = {
                {"mongodb://h:27017/app", "mongodb://h/app"},
                {"mongodb://h/app", "mongodb://H/app?appName=x"},
                {"mongodb://a,b/app", "mongodb://b:27017,a/app"},
                {"mongodb://u:p@h/app", "mongodb://other:q@h/app"}};
        for (String[] pair : sameDatabase) {
            Map<String, String> env = env(MINIMAL);
            env.put("SOURCE_MONGODB_URI", pair[0]);
            env.put("TARGET_MONGODB_URI", pair[1]);
            assertThatThrownBy(() -> ApiConfig.fromEnv(env)).as(pair[0] + " vs " + pair[1]).hasMessageContaining("same database");
        }
        Map<String, String> overridden = env(MINIMAL);
        overridden.put("SOURCE_MONGODB_URI", "mongodb://h/app");
        overridden.put("TARGET_MONGODB_URI", "mongodb://h/copy");
        overridden.put("TARGET_DB", "app");
        assertThatThrownBy(() -> ApiConfig.fromEnv(overridden)).hasMessageContaining("same database");
        Map<String, String> otherPort = env(MINIMAL);
        otherPort.put("SOURCE_MONGODB_URI", "mongodb://h:27017/app");
        otherPort.put("TARGET_MONGODB_URI", "mongodb://h:27018/app");
        assertThat(ApiConfig.fromEnv(otherPort).target().database()).isEqualTo("app");
    }

    @Test
    void printingTheConfigNeverShowsAPassword() {
        String printed = ApiConfig.fromEnv(env(MINIMAL)).toString();

        assertThat(printed).doesNotContain(":pw@").doesNotContain("p@ss").doesNotContain("p%40ss").contains("***");
    }

    @Test
    void redactionCoversUriUserInfoAndPasswordParameters() {
        assertThat(Redactor.redact("mongodb://app:s3cr@t@h1,h2/db")).isEqualTo("mongodb://app:***@h1,h2/db");
        assertThat(Redactor.redact("failed: postgres://u:pw@h/db and more")).isEqualTo("failed: postgres://u:***@h/db and more");
        assertThat(Redactor.redact("jdbc:postgresql://h/db?user=u&password=pw&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
        assertThat(Redactor.redact("mongodb://h/db")).isEqualTo("mongodb://h/db");
        assertThat(Redactor.redact("mongodb://h/db?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:FQoGsecret"))
                .isEqualTo("mongodb://h/db?authMechanism=MONGODB-AWS&authMechanismProperties=***");
    }
}
