package io.dbsync.api.sync.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {
    static final Manifest MANIFEST = new Manifest(Manifest.FORMAT_VERSION, "20261127T101500Z-run42", "run-42",
            Instant.parse("2026-11-27T10:15:00.123Z"), "cluster0.example.net/shop",
            new ArchiveObject("20261127T101500Z-run42.archive.gz", 123_456, "ab".repeat(32), ArchiveObject.GZIP),
            List.of(new ManifestCollection("shop.orders", "collection", 300, 98_765, "00a1b2c3d4e5f607"),
                    new ManifestCollection("shop.readings", "timeseries", 12, 3_400, "ffffffffffffffff")));

    @Test
    void comesBackEqualFromItsJson() {
        assertThat(ManifestJson.read(ManifestJson.write(MANIFEST))).isEqualTo(MANIFEST);
    }

    @Test
    void writesTheFieldsAToolWithoutDbsyncCanRead() throws IOException {
        JsonNode json = new ObjectMapper().readTree(ManifestJson.write(MANIFEST));

        assertThat(json.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(json.get("createdAt").asText()).isEqualTo("2026-11-27T10:15:00.123Z");
        assertThat(json.at("/archive/sha256").asText()).isEqualTo("ab".repeat(32));
        assertThat(json.at("/archive/compression").asText()).isEqualTo("gzip");
        assertThat(json.at("/collections/1/type").asText()).isEqualTo("timeseries");
        assertThat(json.at("/collections/0/crc").asText()).isEqualTo("00a1b2c3d4e5f607");
        assertThat(MANIFEST.documents()).isEqualTo(312);
    }

    @Test
    void ignoresFieldsItDoesNotKnow() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                mapper.readTree(ManifestJson.write(MANIFEST));
        json.put("addedLater", true);

        assertThat(ManifestJson.read(mapper.writeValueAsBytes(json))).isEqualTo(MANIFEST);
    }

    @Test
    void refusesALaterFormatSayingSo() {
        String json = new String(ManifestJson.write(MANIFEST), StandardCharsets.UTF_8).replace("\"formatVersion\" : 1", "\"formatVersion\" : 2");

        assertThatThrownBy(() -> ManifestJson.read(json.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("format 2").hasMessageContaining("upgrade dbsync");
    }

    @Test
    void refusesIncompleteOrForeignJson() {
        String withoutArchive = new String(ManifestJson.write(MANIFEST), StandardCharsets.UTF_8).replace("\"archive\"", "\"elsewhere\"");

        assertThatThrownBy(() -> ManifestJson.read(withoutArchive.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the manifest is incomplete or malformed");
        assertThatThrownBy(() -> ManifestJson.read("not json".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("the manifest is not JSON");
        assertThatThrownBy(() -> ManifestJson.read("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("the manifest has no formatVersion");
    }
}
