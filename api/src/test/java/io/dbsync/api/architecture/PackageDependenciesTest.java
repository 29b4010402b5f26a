package io.dbsync.api.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The api's packages point one way (docs/architecture.md): entry points → http → auth, sync,
 * store; sync → sync.copy, sync.delta, sync.guard → sync.mongo → sync.plan; sync.snapshot below copy and
 * delta; store and config below them all.
 * A new back-edge fails here.
 */
@AnalyzeClasses(packages = "io.dbsync.api", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {

    @ArchTest
    static final ArchRule layersPointOneWay = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Entry").definedBy(JavaClass.Predicates.simpleName("Application")
                    .or(JavaClass.Predicates.simpleNameStartingWith("Main")))
            .layer("Engine").definedBy(JavaClass.Predicates.simpleNameStartingWith("SyncEngine")
                    .or(JavaClass.Predicates.simpleNameStartingWith("RestoreEngine")))
            .layer("Cli").definedBy("io.dbsync.api.cli..")
            .layer("Http").definedBy("io.dbsync.api.http..")
            .layer("Users").definedBy("io.dbsync.api.users..")
            .layer("Metrics").definedBy("io.dbsync.api.metrics..")
            .layer("Auth").definedBy("io.dbsync.api.auth..")
            .layer("Sync").definedBy("io.dbsync.api.sync")
            .layer("Copy").definedBy("io.dbsync.api.sync.copy..")
            .layer("Delta").definedBy("io.dbsync.api.sync.delta..")
            .layer("Guard").definedBy("io.dbsync.api.sync.guard..")
            .layer("Snapshot").definedBy("io.dbsync.api.sync.snapshot..")
            .layer("Mongo").definedBy("io.dbsync.api.sync.mongo..")
            .layer("Plan").definedBy("io.dbsync.api.sync.plan..")
            .layer("Store").definedBy("io.dbsync.api.store..")
            .layer("Config").definedBy("io.dbsync.api.config..")
            .whereLayer("Entry").mayNotBeAccessedByAnyLayer()
            .whereLayer("Engine").mayOnlyBeAccessedByLayers("Entry", "Cli")
            .whereLayer("Cli").mayOnlyBeAccessedByLayers("Entry")
            .whereLayer("Http").mayOnlyBeAccessedByLayers("Entry")
            .whereLayer("Users").mayOnlyBeAccessedByLayers("Entry", "Cli")
            .whereLayer("Metrics").mayOnlyBeAccessedByLayers("Entry", "Http")
            .whereLayer("Auth").mayOnlyBeAccessedByLayers("Entry", "Http", "Users", "Metrics")
            .whereLayer("Sync").mayOnlyBeAccessedByLayers("Entry", "Engine", "Cli", "Http", "Metrics")
            .whereLayer("Copy").mayOnlyBeAccessedByLayers("Sync")
            .whereLayer("Delta").mayOnlyBeAccessedByLayers("Sync")
            .whereLayer("Guard").mayOnlyBeAccessedByLayers("Sync")
            .whereLayer("Snapshot").mayOnlyBeAccessedByLayers("Entry", "Engine", "Cli", "Sync", "Copy", "Delta")
            .whereLayer("Mongo").mayOnlyBeAccessedByLayers("Entry", "Engine", "Sync", "Copy", "Delta", "Guard")
            .whereLayer("Plan").mayOnlyBeAccessedByLayers("Cli", "Sync", "Copy", "Delta", "Guard", "Mongo")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("Entry", "Engine", "Cli", "Http", "Users", "Metrics", "Sync", "Copy", "Delta", "Guard",
                    "Mongo", "Plan")
            .because("packages point one way; a lower layer gets what it needs passed in (a lock check, a stop bound)");

    @ArchTest
    static final ArchRule copyAndDeltaAreIndependent = slices().matching("io.dbsync.api.sync.(copy|delta|guard)..")
            .should().notDependOnEachOther()
            .because("the two ways of bringing a collection up to date share only the layers below them");

    @ArchTest
    static final ArchRule noCycles = slices().matching("io.dbsync.api.(*)..").should().beFreeOfCycles();
}
