package fr.pareto.health.internal;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects at most a given number of bytes of a response body as text and cancels the rest, so
 * a huge or endless body cannot exhaust memory. Not part of the API.
 */
public final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<String> {

    private final int maxBytes;
    private final Charset charset;
    private final byte[] buffer;
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private int length;
    private Flow.Subscription subscription;

    /** Creates a subscriber that keeps the first {@code maxBytes} bytes, decoded with {@code charset}. */
    public LimitedBodySubscriber(int maxBytes, Charset charset) {
        this.maxBytes = maxBytes;
        this.charset = charset;
        this.buffer = new byte[maxBytes];
    }

    @Override
    public CompletionStage<String> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            int count = Math.min(item.remaining(), maxBytes - length);
            item.get(buffer, length, count);
            length += count;
        }
        if (length == maxBytes && !body.isDone()) {
            // The keyword search needs no more: stop the transfer instead of draining it.
            complete();
            subscription.cancel();
        }
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        complete();
    }

    private void complete() {
        body.complete(new String(buffer, 0, length, charset));
    }
}
