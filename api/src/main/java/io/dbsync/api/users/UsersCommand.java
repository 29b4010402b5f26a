package io.dbsync.api.users;

import io.dbsync.api.auth.PasswordVerifier;
import io.dbsync.api.auth.User;
import io.dbsync.api.auth.UserStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dbsync users add|list|disable|enable|passwd}. */
@Command(name = "users", description = "Manage the users who may call the API.",
        mixinStandardHelpOptions = true, subcommands = {
                UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Disable.class,
                UsersCommand.Enable.class, UsersCommand.Passwd.class})
public final class UsersCommand implements Runnable {

    /** What the subcommands need; built lazily so {@code --help} works without a database. */
    public record Context(Supplier<UserAdmin> admin, PasswordReader passwords) {
    }

    private final Context context;

    public UsersCommand(Context context) {
        this.context = context;
    }

    @Spec
    CommandSpec spec;

    /** {@code dbsync users} alone shows what it can do. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    abstract static class UserSubcommand implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        UsersCommand parent;
        @Spec
        CommandSpec spec;

        UserAdmin admin() {
            return parent.context.admin().get();
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "add", description = "Add a user; the password is read from the terminal or standard input.")
    static final class Add extends UserSubcommand {
        @Parameters(paramLabel = "NAME")
        String username;

        @Override
        public Integer call() {
            UserAdmin.checkUsername(username);
            String password = parent.context.passwords().read(username);
            admin().add(username, password);
            out().println("added user " + username);
            return 0;
        }
    }

    @Command(name = "list", description = "List users, their status, and how their password is kept"
            + " (a legacy hash adopted from the seed is replaced by bcrypt at the user's next login).")
    static final class ListUsers extends UserSubcommand {
        @Override
        public Integer call() {
            out().printf("%-32s %-8s %-22s %s%n", "USER", "STATUS", "PASSWORD HASH", "CREATED");
            for (User user : admin().list()) {
                out().printf("%-32s %-8s %-22s %s%n", user.username(), user.status().dbValue(),
                        PasswordVerifier.describe(user.passwordHash()), user.createdAt());
            }
            return 0;
        }
    }

    @Command(name = "disable", description = "Stop a user from calling the API.")
    static final class Disable extends UserSubcommand {
        @Parameters(paramLabel = "NAME")
        String username;

        @Override
        public Integer call() {
            admin().setStatus(username, UserStatus.DISABLED);
            out().println("disabled user " + username);
            return 0;
        }
    }

    @Command(name = "enable", description = "Let a disabled user call the API again.")
    static final class Enable extends UserSubcommand {
        @Parameters(paramLabel = "NAME")
        String username;

        @Override
        public Integer call() {
            admin().setStatus(username, UserStatus.ACTIVE);
            out().println("enabled user " + username);
            return 0;
        }
    }

    @Command(name = "passwd", description = "Set a new password; read from the terminal or standard input.")
    static final class Passwd extends UserSubcommand {
        @Parameters(paramLabel = "NAME")
        String username;

        @Override
        public Integer call() {
            String password = parent.context.passwords().read(username);
            admin().changePassword(username, password);
            out().println("changed the password of " + username);
            return 0;
        }
    }
}
