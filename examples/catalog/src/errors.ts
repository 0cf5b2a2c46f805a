// Errors of the catalog service: each has a stable `code` and a message that says what went wrong.

/** Base class of every error the catalog service throws on purpose. */
export class CatalogError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A user, product, category or order does not exist. */
export class NotFoundError extends CatalogError {
  readonly entity: 'user' | 'product' | 'category' | 'order';
  readonly id: number;

  constructor(entity: NotFoundError['entity'], id: number) {
    super('NOT_FOUND', `${entity} ${id} does not exist`);
    this.entity = entity;
    this.id = id;
  }
}

/** An argument is out of range (quantity, stars, limit...). */
export class InvalidInputError extends CatalogError {
  constructor(message: string) {
    super('INVALID_INPUT', message);
  }
}

/** A user with this email is already registered. */
export class DuplicateUserError extends CatalogError {
  readonly email: string;

  constructor(email: string, options?: ErrorOptions) {
    super('DUPLICATE_USER', `a user with email ${email} is already registered`, options);
    this.email = email;
  }
}

/** A product with this SKU already exists. */
export class DuplicateSkuError extends CatalogError {
  readonly sku: string;

  constructor(sku: string, options?: ErrorOptions) {
    super('DUPLICATE_SKU', `a product with SKU ${sku} already exists`, options);
    this.sku = sku;
  }
}

/** `placeOrder` was called with an empty (or expired) cart. */
export class EmptyCartError extends CatalogError {
  readonly userId: number;

  constructor(userId: number) {
    super('EMPTY_CART', `the cart of user ${userId} is empty: add products before placing an order`);
    this.userId = userId;
  }
}

/** The user already reviewed this product (one review per user and product). */
export class DuplicateReviewError extends CatalogError {
  readonly userId: number;
  readonly productId: number;

  constructor(userId: number, productId: number, options?: ErrorOptions) {
    super(
      'DUPLICATE_REVIEW',
      `user ${userId} has already reviewed product ${productId}: one review per user and product`,
      options,
    );
    this.userId = userId;
    this.productId = productId;
  }
}

/** No active, unexpired coupon has this code. */
export class UnknownCouponError extends CatalogError {
  readonly couponCode: string;

  constructor(couponCode: string) {
    super('UNKNOWN_COUPON', `no active coupon has the code ${JSON.stringify(couponCode)}`);
    this.couponCode = couponCode;
  }
}

/** The order is no longer PENDING, so it cannot change. */
export class OrderNotPendingError extends CatalogError {
  readonly orderId: number;
  readonly status: string;

  constructor(orderId: number, status: string) {
    super('ORDER_NOT_PENDING', `order ${orderId} is ${status}; only PENDING orders can change`);
    this.orderId = orderId;
    this.status = status;
  }
}
