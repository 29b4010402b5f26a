"""Writes werkzeug password-hash test vectors as TSV: method, password, hash, werkzeug version.

Run once with each interpreter (see README.md); the output is committed, so the build needs no Python.
Passwords are test values, never real ones.
"""
import importlib.metadata
import sys

from werkzeug.security import check_password_hash, generate_password_hash

PASSWORDS = ["correct horse battery", "pässwörd-ünïcødé-✓", "x", "a" * 100, "tab\tand space "]


def methods(version):
    major, minor = (int(part) for part in version.split(".")[:2])
    listed = ["pbkdf2:sha256", "pbkdf2:sha1", "pbkdf2:sha256:1000", "pbkdf2:sha1:1000", "pbkdf2:sha512:1000"]
    if (major, minor) >= (2, 3):  # werkzeug 2.3 added scrypt and made it the default in 3.0
        listed += ["scrypt", "scrypt:1024:8:1", "scrypt:16384:8:2"]
    return listed


def main():
    version = importlib.metadata.version("werkzeug")
    out = sys.stdout
    for method in methods(version):
        # The defaults cost up to a million PBKDF2 iterations: one password each keeps the tests quick.
        for password in PASSWORDS if method.count(":") == (2 if method.startswith("pbkdf2") else 3) else PASSWORDS[:2]:
            hashed = generate_password_hash(password, method=method)
            assert check_password_hash(hashed, password)
            assert not check_password_hash(hashed, password + "!")
            escaped = password.replace("\\", "\\\\").replace("\t", "\\t")
            out.write(f"{method}\t{escaped}\t{hashed}\t{version}\n")


if __name__ == "__main__":
    main()
