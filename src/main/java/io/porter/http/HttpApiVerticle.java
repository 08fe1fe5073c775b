package io.porter.http;

import io.porter.config.PorterConfig;
import io.porter.database.DatabaseUrl;
import io.porter.contacts.Contacts;
import io.porter.database.Pools;
import io.porter.jobs.JobQueue;
import io.porter.storage.BlobStore;
import io.porter.storage.BlobStores;
import io.porter.storage.Uploads;
import io.porter.tenancy.Tenants;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** The HTTP/JSON API: authenticates callers, scopes them to their tenant, and answers or queues work. */
public class HttpApiVerticle extends VerticleBase {

    private static final String WEBROOT = "webroot";

    private final PorterConfig config;
    private final DatabaseUrl databaseUrl;
    private final Clock clock;
    private Pool pool;
    private BlobStore store;
    private HttpServer server;
    private ProgressHub progress;

    public HttpApiVerticle(PorterConfig config, DatabaseUrl databaseUrl) {
        this(config, databaseUrl, Clock.systemUTC());
    }

    /** With the clock that decides link expiry (tests move it). */
    public HttpApiVerticle(PorterConfig config, DatabaseUrl databaseUrl, Clock clock) {
        this.config = config;
        this.databaseUrl = databaseUrl;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        pool = Pools.create(vertx, databaseUrl, config.database().poolSize());
        store = BlobStores.create(vertx, config.storage());
        progress = new ProgressHub(vertx.eventBus());
        server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(config.http().host())
                .setPort(config.http().port())
                .setCompressionSupported(true)
                .addWebSocketSubProtocol(AuthHandler.bearerSubprotocol()));
        return progress.ready().compose(v -> server.requestHandler(router()).listen());
    }

    /** The port actually bound (useful when the setting is 0, as in tests). */
    public int actualPort() {
        return server.actualPort();
    }

    private Router router() {
        Router router = Router.router(vertx);
        ErrorHandler errors = new ErrorHandler();
        UploadRoutes uploads = new UploadRoutes(store, new Uploads(pool), config.http().maxUploadBytes());
        JobRoutes jobs = new JobRoutes(new JobQueue(vertx, pool));
        HealthRoutes health = new HealthRoutes(pool, store);

        router.get("/health").handler(health::get);
        router.get("/metrics").handler(PrometheusScrapingHandler.create());

        JWTAuth jwt = Authentication.provider(vertx, config.jwt());
        Tenants tenants = new Tenants(pool);
        AuthHandler auth = AuthHandler.bearerHeader(jwt, tenants);
        BusCalls bus = new BusCalls(vertx.eventBus());
        ProgressRoutes progressRoutes = new ProgressRoutes(bus, progress);
        router.get("/api/jobs/:jobId/progress").handler(ProgressRoutes::holdRequest).handler(AuthHandler.webSocket(jwt, tenants)).handler(progressRoutes::watch);
        // An upload's body streams to the store: it stays paused through authentication and is never
        // buffered. Every other body is small JSON, read (up to the limit) before authentication.
        router.post("/api/uploads").handler(UploadRoutes::pauseBody).handler(auth).handler(uploads::create);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(config.http().maxJsonBodyBytes())).handler(auth);

        StoreDownloads downloads = new StoreDownloads(vertx, store);
        ExportRoutes exports = new ExportRoutes(bus, store, downloads, DownloadLinks.from(config),
                config.exports().linkTtl(), clock);
        router.get(DownloadLinks.PATH + ":jobId").handler(exports::download);

        ImportRoutes imports = new ImportRoutes(bus, store, downloads);
        router.post("/api/contacts/import").handler(imports::start);
        router.get("/api/contacts/import").handler(imports::list);
        router.post("/api/contacts/import/preview").handler(imports::preview);
        router.get("/api/contacts/import/:jobId").handler(imports::get);
        router.get("/api/contacts/import/:jobId/errors").handler(imports::errors);
        router.post("/api/contacts/import/:jobId/cancel").handler(imports::cancel);
        router.post("/api/contacts/import/:jobId/rollback").handler(imports::rollback);

        router.post("/api/contacts/export").handler(exports::start);
        router.get("/api/contacts/export").handler(exports::list);
        router.get("/api/contacts/export/:jobId").handler(exports::get);
        router.get("/api/contacts/export/:jobId/download").handler(exports::link);

        ContactRoutes contacts = new ContactRoutes(new Contacts(pool));
        router.get("/api/contacts").handler(contacts::list);
        router.get("/api/contacts/:contactId").handler(contacts::get);
        router.get("/api/segments").handler(contacts::segments);

        router.get("/api/uploads").handler(uploads::list);
        router.get("/api/uploads/:uploadId").handler(uploads::get);
        router.get("/api/jobs/:jobId").handler(jobs::get);

        // The import page (src/main/resources/webroot): static, it calls the API with the token the person pastes.
        router.get("/*").handler(StaticHandler.create(WEBROOT));

        router.route().last().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(errors);
        return router;
    }

    @Override
    public Future<?> stop() {
        return pool == null ? Future.succeededFuture() : pool.close();
    }
}
