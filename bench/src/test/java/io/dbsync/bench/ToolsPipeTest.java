package io.dbsync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipe's plumbing, with two small shell scripts standing in for mongodump and mongorestore. */
class ToolsPipeTest {
    @TempDir
    Path tools;

    private void tool(String name, String body) throws IOException {
        Path script = tools.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void restoresIntoTheStandbyDatabaseFromTheSourceDatabase() {
        List<List<String>> commands = new ToolsPipe(tools, tools).commands("mongodb://127.0.0.1:1/", "shop",
                "mongodb://127.0.0.1:2/", "shop_standby");

        assertThat(commands.get(0)).containsSequence("--uri", "mongodb://127.0.0.1:1/").containsSequence("--db", "shop")
                .contains("--archive");
        assertThat(commands.get(1)).contains("--archive", "--drop").containsSequence("--nsInclude", "shop.*")
                .containsSequence("--nsFrom", "shop.*", "--nsTo", "shop_standby.*");
    }

    @Test
    void pipesTheDumpsOutputIntoTheRestore() throws Exception {
        tool("mongodump", "echo \"archive of $*\"");
        tool("mongorestore", "cat > \"$(dirname \"$0\")/restored\"");
        ToolsPipe pipe = new ToolsPipe(tools, tools);

        ToolsPipe.Result result = pipe.run("t", pipe.commands("mongodb://a/", "shop", "mongodb://b/", "copy"), 60);

        assertThat(result.ok()).isTrue();
        assertThat(Files.readString(tools.resolve("restored"))).startsWith("archive of --uri mongodb://a/ --db shop");
    }

    @Test
    void reportsAFailedRestoreWithBothExitCodes() throws Exception {
        tool("mongodump", "echo data");
        tool("mongorestore", "cat > /dev/null; echo 'Failed: bad archive' >&2; exit 3");
        ToolsPipe pipe = new ToolsPipe(tools, tools);

        ToolsPipe.Result result = pipe.run("t", pipe.commands("mongodb://a/", "shop", "mongodb://b/", "copy"), 60);

        assertThat(result.ok()).isFalse();
        assertThat(result.failure()).contains("mongodump exit 0, mongorestore exit 3");
        assertThat(Files.readString(tools.resolve("t-mongorestore.log"))).contains("Failed: bad archive");
    }

    @Test
    void refusesADirectoryWithoutTheTools() {
        assertThatThrownBy(() -> ToolsPipe.check(tools)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no executable mongodump");
    }
}
