# The dbsync API as a container image, for hosts that build or run images (Render, Koyeb, Fly.io,
# Cloud Run, Railway; docs/deploy.md). Build: docker build -t dbsync-api .
# Run:   docker run -p 8080:8080 -e DATABASE_URL=… -e SOURCE_MONGODB_URI=… -e TARGET_MONGODB_URI=… dbsync-api
# (`docker run … dbsync-api users add alice` runs the users command instead of the server.)

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -q -DskipTests -pl api -am package

FROM eclipse-temurin:21-jre
# curl for the health check only; a fixed non-root user so volume permissions are predictable.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 dbsync \
    && useradd --system --uid 10001 --gid dbsync --no-create-home --shell /usr/sbin/nologin dbsync
WORKDIR /app
COPY --from=build /src/api/target/dbsync-api.jar /app/dbsync-api.jar
USER 10001:10001
# Hosts set PORT (Render, Koyeb, Cloud Run, Railway); the API listens on it, 8080 when none is set.
ENV PORT=8080
EXPOSE 8080
# /health answers 200 while the process serves, also when a database is down ("degraded"): a
# database outage is reported, not "fixed" by restarting the container.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/health" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/dbsync-api.jar"]
CMD ["serve"]
