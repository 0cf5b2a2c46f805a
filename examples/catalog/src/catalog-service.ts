// The example catalog service: users, products and orders in PostgreSQL (Prisma 7), carts and rate
// limits in Redis, reviews and events in MongoDB (mongoose), product similarity in Qdrant.
import type { QdrantClient } from '@qdrant/js-client-rest';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import {
  OrderStatus,
  Prisma,
  type Order,
  type OrderItem,
  type PrismaClient,
  type Product,
  type User,
} from '../../../prisma/generated/client.js';
import { qdrantCollectionName } from 'database-config';
import { productEmbedding } from './embeddings.js';
import {
  DuplicateReviewError,
  DuplicateSkuError,
  DuplicateUserError,
  EmptyCartError,
  InvalidInputError,
  NotFoundError,
  OrderNotPendingError,
  UnknownCouponError,
} from './errors.js';
import { eventModel, reviewModel } from './models.js';

/** The clients a {@link CatalogService} works with (e.g. a `DatabaseManager`'s). */
export interface CatalogClients {
  prisma: PrismaClient;
  mongo: Connection;
  redis: Redis;
  qdrant: QdrantClient;
  /** Prefix of the Qdrant collection names (the config's `collectionPrefix`). @default '' */
  collectionPrefix?: string;
  /** Seconds a cart lives after its last change. @default 604800 (7 days) */
  cartTtlSeconds?: number;
}

/** Input of {@link CatalogService.addProduct}. */
export interface NewProduct {
  sku: string;
  name: string;
  priceCents: number;
  categoryId: number;
  description?: string;
  stock?: number;
}

/** One line of a cart. */
export interface CartLine {
  productId: number;
  quantity: number;
}

/** An order with its items (sorted by product id). */
export type OrderWithItems = Order & { items: OrderItem[] };

/** A product similar to another one, with its similarity score (higher is closer). */
export type SimilarProduct = Product & { score: number };

/** A stored review. */
export interface ReviewRecord {
  id: string;
  productId: number;
  userId: number;
  stars: number;
  body: string;
  createdAt: Date;
}

/** Outcome of {@link CatalogService.rateLimit}. */
export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
}

const isPositiveInt = (value: number) => Number.isInteger(value) && value > 0;
const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
const subtotal = (items: readonly OrderItem[]) =>
  items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);

/** The catalog service, over the four stores' clients. */
export class CatalogService {
  readonly #prisma: PrismaClient;
  readonly #mongo: Connection;
  readonly #redis: Redis;
  readonly #qdrant: QdrantClient;
  readonly #collectionPrefix: string;
  readonly #cartTtlSeconds: number;

  constructor(clients: CatalogClients) {
    this.#prisma = clients.prisma;
    this.#mongo = clients.mongo;
    this.#redis = clients.redis;
    this.#qdrant = clients.qdrant;
    this.#collectionPrefix = clients.collectionPrefix ?? '';
    this.#cartTtlSeconds = clients.cartTtlSeconds ?? 7 * 24 * 3600;
  }

  /** The Qdrant `products` collection's name on the server (prefix included). */
  get productsCollection(): string {
    return qdrantCollectionName({ collectionPrefix: this.#collectionPrefix }, 'products');
  }

  /** The Redis key of a user's cart (before the client's key prefix). */
  static cartKey(userId: number): string {
    return `cart:${userId}`;
  }

  /**
   * Creates a user.
   * @throws {DuplicateUserError} when the email is taken.
   */
  async registerUser(input: { email: string; name: string }): Promise<User> {
    try {
      return await this.#prisma.user.create({ data: { email: input.email, name: input.name } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateUserError(input.email, { cause: error });
      throw error;
    }
  }

  /**
   * Creates a product row, then its Qdrant point (id = product id, payload productId, categoryId,
   * sku). When the point cannot be written, the row is deleted again and the error rethrown.
   * @throws {NotFoundError} for an unknown category; {@link DuplicateSkuError} for a taken SKU.
   */
  async addProduct(input: NewProduct): Promise<Product> {
    if (!Number.isInteger(input.priceCents) || input.priceCents < 0)
      throw new InvalidInputError(`priceCents must be a whole number >= 0, got ${input.priceCents}`);
    const category = await this.#prisma.category.findUnique({ where: { id: input.categoryId } });
    if (!category) throw new NotFoundError('category', input.categoryId);
    let product: Product;
    try {
      product = await this.#prisma.product.create({
        data: { ...input, description: input.description ?? null },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateSkuError(input.sku, { cause: error });
      throw error;
    }
    try {
      await this.#qdrant.upsert(this.productsCollection, {
        wait: true,
        points: [
          {
            id: product.id,
            vector: productEmbedding({ ...product, categoryName: category.name }),
            payload: { productId: product.id, categoryId: product.categoryId, sku: product.sku },
          },
        ],
      });
    } catch (error) {
      await this.#prisma.product.delete({ where: { id: product.id } }).catch(() => undefined);
      throw error;
    }
    return product;
  }

  /**
   * Adds `quantity` of a product to the user's cart (Redis hash `cart:<userId>`, product id to
   * quantity) and renews the cart's TTL. Returns the product's new quantity in the cart.
   * @throws {NotFoundError} for an unknown product.
   */
  async addToCart(userId: number, productId: number, quantity = 1): Promise<number> {
    if (!isPositiveInt(quantity))
      throw new InvalidInputError(`quantity must be a whole number > 0, got ${quantity}`);
    const product = await this.#prisma.product.findUnique({ where: { id: productId }, select: { id: true } });
    if (!product) throw new NotFoundError('product', productId);
    const key = CatalogService.cartKey(userId);
    const results = await this.#redis
      .multi()
      .hincrby(key, String(productId), quantity)
      .expire(key, this.#cartTtlSeconds)
      .exec();
    const [error, value] = results?.[0] ?? [new Error('the cart transaction was discarded'), null];
    if (error) throw error;
    return Number(value);
  }

  /** The user's cart, sorted by product id (empty when there is none or it expired). */
  async cart(userId: number): Promise<CartLine[]> {
    const entries = await this.#redis.hgetall(CatalogService.cartKey(userId));
    return Object.entries(entries)
      .map(([productId, quantity]) => ({ productId: Number(productId), quantity: Number(quantity) }))
      .sort((a, b) => a.productId - b.productId);
  }

  /**
   * Turns the user's cart into an order: in one PostgreSQL transaction, the Order and its
   * OrderItems at the products' current prices, with the total. Then records an `order.placed`
   * event in MongoDB and deletes the cart. Nothing is written when the transaction fails; when the
   * event cannot be written the order stays and the cart is kept.
   * @throws {EmptyCartError} without a cart; {@link NotFoundError} for an unknown user or product.
   */
  async placeOrder(userId: number): Promise<OrderWithItems> {
    const lines = await this.cart(userId);
    if (lines.length === 0) throw new EmptyCartError(userId);
    const order = await this.#prisma.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
      if (!user) throw new NotFoundError('user', userId);
      const products = await tx.product.findMany({
        where: { id: { in: lines.map((line) => line.productId) } },
        select: { id: true, priceCents: true },
      });
      const prices = new Map(products.map((p) => [p.id, p.priceCents]));
      const items = lines.map((line) => {
        const unitPriceCents = prices.get(line.productId);
        if (unitPriceCents === undefined) throw new NotFoundError('product', line.productId);
        return { ...line, unitPriceCents };
      });
      const totalCents = items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
      const created = await tx.order.create({ data: { userId, totalCents } });
      await tx.orderItem.createMany({ data: items.map((item) => ({ ...item, orderId: created.id })) });
      return tx.order.findUniqueOrThrow({
        where: { id: created.id },
        include: { items: { orderBy: { productId: 'asc' } } },
      });
    });
    await eventModel(this.#mongo).create({
      type: 'order.placed',
      at: order.createdAt,
      payload: { orderId: order.id, userId, totalCents: order.totalCents, itemCount: order.items.length },
    });
    await this.#redis.del(CatalogService.cartKey(userId));
    return order;
  }

  /**
   * Up to `limit` products of the same category closest to the given one (Qdrant query by the
   * product's vector, filtered by `categoryId`, the product itself excluded), closest first.
   * @throws {NotFoundError} for an unknown product.
   */
  async similarProducts(productId: number, limit = 5): Promise<SimilarProduct[]> {
    if (!isPositiveInt(limit)) throw new InvalidInputError(`limit must be a whole number > 0, got ${limit}`);
    const product = await this.#prisma.product.findUnique({
      where: { id: productId },
      include: { category: true },
    });
    if (!product) throw new NotFoundError('product', productId);
    const { points } = await this.#qdrant.query(this.productsCollection, {
      query: productEmbedding({ ...product, categoryName: product.category.name }),
      filter: {
        must: [{ key: 'categoryId', match: { value: product.categoryId } }],
        must_not: [{ has_id: [productId] }],
      },
      limit,
      with_payload: false,
    });
    const found = await this.#prisma.product.findMany({
      where: { id: { in: points.map((p) => Number(p.id)) } },
    });
    const byId = new Map(found.map((p) => [p.id, p]));
    return points.flatMap((point) => {
      const similar = byId.get(Number(point.id));
      return similar ? [{ ...similar, score: point.score }] : [];
    });
  }

  /**
   * Stores a review (MongoDB `reviews`), then records a `review.added` event.
   * @throws {DuplicateReviewError} when the user already reviewed the product;
   * {@link NotFoundError} for an unknown user or product; {@link InvalidInputError} for stars
   * outside 1..5 or an empty body.
   */
  async addReview(userId: number, productId: number, stars: number, body: string): Promise<ReviewRecord> {
    if (!Number.isInteger(stars) || stars < 1 || stars > 5)
      throw new InvalidInputError(`stars must be a whole number from 1 to 5, got ${stars}`);
    if (body.trim() === '') throw new InvalidInputError('a review needs a body');
    const [user, product] = await Promise.all([
      this.#prisma.user.findUnique({ where: { id: userId }, select: { id: true } }),
      this.#prisma.product.findUnique({ where: { id: productId }, select: { id: true } }),
    ]);
    if (!user) throw new NotFoundError('user', userId);
    if (!product) throw new NotFoundError('product', productId);
    let review;
    try {
      review = await reviewModel(this.#mongo).create({ userId, productId, stars, body });
    } catch (error) {
      if ((error as { code?: unknown }).code === 11000)
        throw new DuplicateReviewError(userId, productId, { cause: error });
      throw error;
    }
    await eventModel(this.#mongo).create({ type: 'review.added', payload: { productId, userId, stars } });
    return {
      id: String(review._id),
      productId: review.productId,
      userId: review.userId,
      stars: review.stars,
      body: review.body,
      createdAt: review.createdAt,
    };
  }

  /**
   * Fixed-window rate limit: counts a hit on `key` (Redis INCR; the window starts with the first
   * hit, EXPIRE NX) and tells whether it is within `limit` hits per `windowSeconds`.
   */
  async rateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    if (!isPositiveInt(limit) || !isPositiveInt(windowSeconds))
      throw new InvalidInputError('limit and windowSeconds must be whole numbers > 0');
    const redisKey = `ratelimit:${key}`;
    const results = await this.#redis.multi().incr(redisKey).expire(redisKey, windowSeconds, 'NX').exec();
    const [error, value] = results?.[0] ?? [new Error('the rate limit transaction was discarded'), null];
    if (error) throw error;
    const count = Number(value);
    return { allowed: count <= limit, remaining: Math.max(0, limit - count) };
  }

  /**
   * Applies an active, unexpired coupon (reference data, e.g. `WELCOME10`) to a PENDING order:
   * discount = percentOff of the items' subtotal (rounded down), total = subtotal - discount.
   * Applying another coupon replaces the first. Records an `order.coupon_applied` event.
   * @throws {UnknownCouponError}, {@link NotFoundError} for an unknown order,
   * {@link OrderNotPendingError} when the order is no longer PENDING.
   */
  async applyCoupon(orderId: number, code: string): Promise<OrderWithItems> {
    const coupon = await this.#prisma.coupon.findFirst({
      where: { code, active: true, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    });
    if (!coupon) throw new UnknownCouponError(code);
    const order = await this.#prisma.$transaction(async (tx) => {
      const current = await tx.order.findUnique({ where: { id: orderId }, include: { items: true } });
      if (!current) throw new NotFoundError('order', orderId);
      if (current.status !== OrderStatus.PENDING) throw new OrderNotPendingError(orderId, current.status);
      const gross = subtotal(current.items);
      const discountCents = Math.floor((gross * coupon.percentOff) / 100);
      return tx.order.update({
        where: { id: orderId },
        data: { couponId: coupon.id, discountCents, totalCents: gross - discountCents },
        include: { items: { orderBy: { productId: 'asc' } } },
      });
    });
    await eventModel(this.#mongo).create({
      type: 'order.coupon_applied',
      payload: { orderId, couponCode: coupon.code, discountCents: order.discountCents },
    });
    return order;
  }
}
