package io.porter.http;

import io.porter.contacts.Contact;
import io.porter.contacts.Contacts;
import io.porter.tenancy.Caller;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/** {@code GET /api/contacts}, {@code /api/contacts/{id}} and {@code /api/segments}: the tenant's data, read-only. */
final class ContactRoutes {

    private final Contacts contacts;

    ContactRoutes(Contacts contacts) {
        this.contacts = contacts;
    }

    void list(RoutingContext ctx) {
        Caller caller = Requests.caller(ctx);
        PageRequest page = PageRequest.of(ctx);
        String segment = ctx.queryParams().get("segmentId");
        UUID segmentId = segment == null ? null : Authentication.parseUuid(segment)
                .orElseThrow(() -> ApiError.badRequest("segmentId must be a UUID"));
        Contacts.Filter filter = new Contacts.Filter(ctx.queryParams().get("email"), ctx.queryParams().get("tag"), segmentId);
        contacts.page(caller.tenantId(), filter, page.afterCreatedAt(), page.afterId(), page.limit() + 1)
                .onSuccess(rows -> Requests.json(ctx, 200, page.answer(rows, Contact::toJson, Contact::createdAt, Contact::id)))
                .onFailure(ctx::fail);
    }

    void get(RoutingContext ctx) {
        Caller caller = Requests.caller(ctx);
        UUID id = Requests.pathId(ctx, "contactId", "contact");
        contacts.find(caller.tenantId(), id)
                .map(found -> found.orElseThrow(() -> ApiError.notFound("contact")))
                .onSuccess(contact -> Requests.json(ctx, 200, contact.toJson()))
                .onFailure(ctx::fail);
    }

    void segments(RoutingContext ctx) {
        Caller caller = Requests.caller(ctx);
        PageRequest page = PageRequest.of(ctx);
        contacts.segments(caller.tenantId(), page.afterCreatedAt(), page.afterId(), page.limit() + 1)
                .onSuccess(rows -> Requests.json(ctx, 200,
                        page.answer(rows, Contacts.Segment::toJson, Contacts.Segment::createdAt, Contacts.Segment::id)))
                .onFailure(ctx::fail);
    }
}
