package io.dbsync.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.testing.WiredRoutes;
import io.javalin.router.Endpoint;
import io.javalin.security.Roles;
import io.javalin.security.RouteRole;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Walks the router: every route says who may call it, so a new route cannot be open by accident.
 * (The routes are only wired, never called: the dependencies they would use stay null.)
 */
class RouteAccessTest {

    private static List<Endpoint> routes() {
        return WiredRoutes.endpoints();
    }

    private static Set<RouteRole> roles(Endpoint endpoint) {
        Roles roles = endpoint.metadata(Roles.class);
        return roles == null ? Set.of() : roles.getRoles();
    }

    @Test
    void everyRouteDeclaresExactlyOneAccess() {
        List<Endpoint> routes = routes();

        assertThat(routes).isNotEmpty();
        assertThat(routes).allSatisfy(route -> assertThat(roles(route))
                .as("%s %s must declare Access.OPEN or Access.USER", route.method, route.path)
                .hasSize(1).allMatch(role -> role instanceof Access));
    }

    private static TreeMap<String, Set<RouteRole>> byRoute() {
        TreeMap<String, Set<RouteRole>> byRoute = new TreeMap<>();
        routes().forEach(route -> byRoute.put(route.method + " " + route.path, roles(route)));
        return byRoute;
    }

    @Test
    void onlyHealthMetricsAndTheContractAreOpen() {
        assertThat(byRoute().entrySet().stream().filter(e -> e.getValue().contains(Access.OPEN)).map(e -> e.getKey()))
                .containsExactlyInAnyOrder("GET /health", "GET /metrics", "GET /openapi.json");
    }

    @Test
    void theStatusPageRunsAndHistoryNeedAUser() {
        assertThat(byRoute().entrySet().stream().filter(e -> e.getValue().contains(Access.USER)).map(e -> e.getKey()))
                .containsExactlyInAnyOrder("GET /", "GET /syncdb", "POST /syncdb", "GET /runs", "GET /runs/{id}");
    }
}
