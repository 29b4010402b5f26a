package io.dbsync.api.sync.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects as files in one directory. An object is written to a hidden temporary file, forced to
 * disk, then renamed atomically onto its name and the directory forced too, so after a crash a
 * name holds the whole object or nothing. Temporary files (leading dot) are never listed.
 */
public final class FileSnapshotStore implements SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileSnapshotStore.class);
    private static final String TEMP_PREFIX = ".";
    private static final String TEMP_SUFFIX = ".part";

    private final Path directory;

    public FileSnapshotStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public ObjectUpload upload(String key) throws IOException {
        SnapshotStore.checkKey(key);
        Files.createDirectories(directory);
        Path temp = temporaryFor(key);
        return new FileUpload(key, temp, FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        ObjectUpload upload = upload(key);
        try {
            upload.write(content);
            upload.complete();
        } catch (IOException | RuntimeException e) {
            upload.abort();
            throw e;
        }
    }

    @Override
    public List<StoredObject> list() throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return objects;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(TEMP_PREFIX) || !KEY.matcher(name).matches()) {
                    continue;
                }
                try {
                    BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        objects.add(new StoredObject(name, attributes.size(), attributes.lastModifiedTime().toInstant()));
                    }
                } catch (NoSuchFileException deletedMeanwhile) {
                    // listed and deleted between the two calls: not an object any more
                }
            }
        }
        return objects;
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return Files.newInputStream(directory.resolve(SnapshotStore.checkKey(key)));
        } catch (NoSuchFileException e) {
            throw new MissingObjectException(key, location());
        }
    }

    @Override
    public void delete(String key) throws IOException {
        if (Files.deleteIfExists(directory.resolve(SnapshotStore.checkKey(key)))) {
            forceDirectory();
        }
    }

    @Override
    public String location() {
        return directory.toUri().toString();
    }

    private Path temporaryFor(String key) {
        return directory.resolve(TEMP_PREFIX + key + "." + UUID.randomUUID() + TEMP_SUFFIX);
    }

    /** Makes a rename or delete in the directory durable (on file systems that allow opening a directory). */
    private void forceDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("event=snapshot_directory_sync_skipped directory={} reason={}", directory, e.toString());
        }
    }

    private final class FileUpload extends ObjectUpload {
        private final Path temp;
        private final FileChannel channel;

        FileUpload(String key, Path temp, FileChannel channel) {
            super(key);
            this.temp = temp;
            this.channel = channel;
        }

        @Override
        protected void send(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        protected void finish() throws IOException {
            channel.force(true);
            channel.close();
            Files.move(temp, directory.resolve(key()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
        }

        @Override
        protected boolean discard() {
            try {
                channel.close();
                Files.deleteIfExists(temp);
                return true;
            } catch (IOException e) {
                LOG.warn("event=snapshot_upload_abort_failed store={} key={} error={}", location(), key(), e.toString());
                return false;
            }
        }
    }
}
