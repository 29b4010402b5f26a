package io.dbsync.api.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.dbsync.api.DbSyncException;

/**
 * Restore points stand apart from the engine: {@code sync.snapshot} uses only {@code config}, the
 * exception root and its archive format, so a run, {@code dbsync snapshots} and {@code dbsync restore}
 * can all use it; the archive format uses nothing of dbsync at all.
 */
@AnalyzeClasses(packages = "io.dbsync.api", importOptions = ImportOption.DoNotIncludeTests.class)
class SnapshotPackageDependenciesTest {

    @ArchTest
    static final ArchRule restorePointsUseOnlyConfigAndTheArchiveFormat = noClasses()
            .that().resideInAPackage("io.dbsync.api.sync.snapshot..")
            .should().dependOnClassesThat(resideInAPackage("io.dbsync.api..")
                    .and(not(resideInAnyPackage("io.dbsync.api.sync.snapshot..", "io.dbsync.api.config..")))
                    .and(not(equivalentTo(DbSyncException.class))))
            .because("the engine wires restore points in; they never reach back into it");

    @ArchTest
    static final ArchRule theArchiveFormatUsesNothingOfDbsync = noClasses()
            .that().resideInAPackage("io.dbsync.api.sync.snapshot.archive..")
            .should().dependOnClassesThat(resideInAPackage("io.dbsync.api..")
                    .and(not(resideInAPackage("io.dbsync.api.sync.snapshot.archive.."))));
}
