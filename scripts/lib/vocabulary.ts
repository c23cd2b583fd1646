/**
 * Words for the synthetic models of the benchmark: product areas, vendors, people, stacks.
 * Realistic on purpose — the pages, the search index and the diagrams should carry text like a
 * real handbook's, not lorem ipsum.
 */

export interface Domain {
	/** kebab-case, the system id and the prefix of its services. */
	id: string;
	name: string;
	/** The main resource the API serves, singular. */
	noun: string;
	/** A second resource. */
	noun2: string;
	/** What the system does, completing "The … system …". */
	purpose: string;
	/** Who uses it. */
	users: string;
	vendor: Vendor;
}

export interface Vendor {
	id: string;
	name: string;
	/** What we use it for. */
	use: string;
	status: string;
	errors: string[];
}

const V = (id: string, name: string, use: string, status: string, errors: string[]): Vendor => ({ id, name, use, status, errors });

export const VENDORS = {
	stripe: V('stripe', 'Stripe', 'card authorisation, capture and refunds', 'https://status.stripe.com', ['card_declined', 'rate_limit (HTTP 429)', 'api_connection_error']),
	adyen: V('adyen', 'Adyen', 'payment authorisation for local payment methods', 'https://status.adyen.com', ['Refused: 905 Payment details are not supported', 'HTTP 503 Service Unavailable']),
	twilio: V('twilio', 'Twilio', 'SMS and voice one-time passwords', 'https://status.twilio.com', ['Error 20429: Too Many Requests', 'Error 30003: Unreachable destination handset']),
	sendgrid: V('sendgrid', 'SendGrid', 'transactional e-mail', 'https://status.sendgrid.com', ['HTTP 429 Too Many Requests', '550 5.1.1 The email account that you tried to reach does not exist']),
	algolia: V('algolia', 'Algolia', 'hosted full-text search', 'https://status.algolia.com', ['Unreachable hosts', 'Record quota exceeded']),
	mapbox: V('mapbox', 'Mapbox', 'geocoding and route matrices', 'https://status.mapbox.com', ['HTTP 429 Rate limit exceeded', 'NoRoute']),
	openai: V('openai', 'OpenAI', 'embeddings and text classification', 'https://status.openai.com', ['HTTP 429 rate_limit_exceeded', 'HTTP 503 The server is overloaded']),
	segment: V('segment', 'Segment', 'product analytics events', 'https://status.segment.com', ['HTTP 400 Payload too large', 'HTTP 503']),
	onfido: V('onfido', 'Onfido', 'identity document checks', 'https://status.onfido.com', ['HTTP 422 validation_error', 'check result: consider']),
	avalara: V('avalara', 'Avalara AvaTax', 'sales tax calculation', 'https://status.avalara.com', ['GetTaxError: Address not geocoded', 'HTTP 503']),
	shippo: V('shippo', 'Shippo', 'carrier rates and shipping labels', 'https://status.goshippo.com', ['Carrier account is not active', 'HTTP 429']),
	zendesk: V('zendesk', 'Zendesk', 'support tickets', 'https://status.zendesk.com', ['HTTP 429 Too Many Requests', 'RecordInvalid']),
	docusign: V('docusign', 'DocuSign', 'contract signature envelopes', 'https://status.docusign.com', ['ENVELOPE_IS_INCOMPLETE', 'HOURLY_APIINVOCATION_LIMIT_EXCEEDED']),
	plaid: V('plaid', 'Plaid', 'bank account verification', 'https://status.plaid.com', ['ITEM_LOGIN_REQUIRED', 'INSTITUTION_DOWN']),
	sift: V('sift', 'Sift', 'fraud scores for orders and sign-ups', 'https://status.sift.com', ['HTTP 429', 'score timeout after 800 ms']),
	cloudinary: V('cloudinary', 'Cloudinary', 'image transformation and delivery', 'https://status.cloudinary.com', ['HTTP 420 Rate Limit Exceeded', 'Resource not found']),
	launchdarkly: V('launchdarkly', 'LaunchDarkly', 'feature flag delivery', 'https://status.launchdarkly.com', ['stream connection lost, using cached flags']),
	github: V('github', 'GitHub', 'source code and release webhooks', 'https://www.githubstatus.com', ['API rate limit exceeded', 'HTTP 502']),
	slack: V('slack', 'Slack', 'notifications to internal channels', 'https://status.slack.com', ['ratelimited', 'channel_not_found']),
	google: V('google-maps', 'Google Maps Platform', 'distance matrices and place lookup', 'https://status.cloud.google.com', ['OVER_QUERY_LIMIT', 'ZERO_RESULTS']),
} as const satisfies Record<string, Vendor>;

const D = (id: string, name: string, noun: string, noun2: string, purpose: string, users: string, vendor: Vendor): Domain => ({ id, name, noun, noun2, purpose, users, vendor });

export const DOMAINS: Domain[] = [
	D('payments', 'Payments', 'payment', 'refund', 'takes card and wallet payments for every order and settles them with the acquirer', 'shoppers at checkout and the finance team', VENDORS.stripe),
	D('checkout', 'Checkout', 'cart', 'order', 'turns a basket into a paid order: prices, promotions, tax and payment in one flow', 'shoppers on web and mobile', VENDORS.avalara),
	D('catalog', 'Catalog', 'product', 'category', 'holds every product, variant and category with its attributes and media', 'merchandisers and every storefront page', VENDORS.cloudinary),
	D('search', 'Search', 'query', 'synonym', 'answers product search and autocomplete in under 100 ms', 'shoppers typing in the search box', VENDORS.algolia),
	D('identity', 'Identity', 'account', 'session', 'signs customers in, issues tokens and keeps their credentials and consents', 'every customer-facing application', VENDORS.twilio),
	D('billing', 'Billing', 'invoice', 'subscription', 'charges subscriptions monthly and produces invoices and dunning e-mails', 'business customers and finance', VENDORS.stripe),
	D('shipping', 'Shipping', 'shipment', 'label', 'buys labels, books carriers and tracks parcels to the door', 'warehouse staff and customers waiting for parcels', VENDORS.shippo),
	D('inventory', 'Inventory', 'stock-level', 'reservation', 'keeps stock per warehouse and reserves units while orders are paid', 'checkout and the warehouses', VENDORS.segment),
	D('pricing', 'Pricing', 'price', 'price-list', 'computes the price of every item per market, currency and customer group', 'storefronts and sales staff', VENDORS.segment),
	D('promotions', 'Promotions', 'voucher', 'campaign', 'validates vouchers and applies campaign discounts to baskets', 'marketing and checkout', VENDORS.segment),
	D('loyalty', 'Loyalty', 'member', 'points-entry', 'earns and redeems loyalty points and manages member tiers', 'members in the app and at the till', VENDORS.sendgrid),
	D('reviews', 'Reviews', 'review', 'rating', 'collects, moderates and publishes product reviews and ratings', 'shoppers and the moderation team', VENDORS.openai),
	D('recommendations', 'Recommendations', 'recommendation', 'model', 'serves personalised product recommendations on every page', 'storefront pages and e-mails', VENDORS.openai),
	D('notifications', 'Notifications', 'notification', 'template', 'sends e-mail, SMS and push messages for every other system', 'every system that talks to customers', VENDORS.sendgrid),
	D('messaging', 'Messaging', 'conversation', 'message', 'carries chat between customers, sellers and support agents', 'customers, sellers and agents', VENDORS.twilio),
	D('media', 'Media', 'asset', 'rendition', 'stores uploaded images and video and serves resized renditions', 'catalog editors and storefronts', VENDORS.cloudinary),
	D('analytics', 'Analytics', 'event', 'report', 'collects product events and builds the daily business reports', 'product managers and leadership', VENDORS.segment),
	D('fraud', 'Fraud', 'assessment', 'rule', 'scores orders and sign-ups for fraud and blocks the worst before payment', 'checkout, identity and the risk team', VENDORS.sift),
	D('ledger', 'Ledger', 'journal-entry', 'account-balance', 'records every money movement in a double-entry ledger', 'finance, payments and billing', VENDORS.plaid),
	D('onboarding', 'Merchant onboarding', 'application', 'verification', 'signs up new merchants and verifies their identity and bank details', 'new merchants and the compliance team', VENDORS.onfido),
	D('support', 'Support', 'ticket', 'macro', 'routes customer tickets to agents with the order and account context', 'support agents', VENDORS.zendesk),
	D('bookings', 'Bookings', 'booking', 'slot', 'books delivery and pickup slots against warehouse and courier capacity', 'customers at checkout and dispatchers', VENDORS.google),
	D('returns', 'Returns', 'return', 'refund-request', 'authorises returns, issues labels and triggers refunds on arrival', 'customers and the returns desk', VENDORS.shippo),
	D('subscriptions', 'Subscriptions', 'plan', 'renewal', 'manages recurring product subscriptions, pauses and renewals', 'subscribers and customer care', VENDORS.stripe),
	D('tax', 'Tax', 'tax-quote', 'exemption', 'calculates sales tax and VAT and files the monthly returns', 'checkout, billing and finance', VENDORS.avalara),
	D('contracts', 'Contracts', 'contract', 'signature', 'prepares, signs and stores merchant and supplier contracts', 'sales and legal', VENDORS.docusign),
	D('warehouse', 'Warehouse', 'pick-list', 'bin', 'directs picking, packing and stock moves inside each warehouse', 'warehouse staff on handheld scanners', VENDORS.segment),
	D('routing', 'Routing', 'route', 'stop', 'plans courier routes and re-plans them when stops change', 'dispatchers and couriers', VENDORS.mapbox),
	D('maps', 'Maps', 'address', 'geocode', 'validates and geocodes addresses and serves delivery-area polygons', 'checkout, routing and bookings', VENDORS.mapbox),
	D('experiments', 'Experimentation', 'experiment', 'assignment', 'assigns users to A/B test variants and computes the results', 'product teams', VENDORS.launchdarkly),
	D('feature-flags', 'Feature flags', 'flag', 'segment', 'evaluates feature flags for every service and client', 'every engineering team', VENDORS.launchdarkly),
	D('content', 'Content', 'page', 'block', 'publishes editorial pages, banners and landing pages', 'the content team and storefronts', VENDORS.cloudinary),
	D('partners', 'Partner portal', 'partner', 'payout', 'gives marketplace partners their orders, payouts and reports', 'marketplace partners', VENDORS.plaid),
	D('marketplace', 'Marketplace', 'listing', 'offer', 'lists third-party sellers\' offers next to our own catalogue', 'sellers and shoppers', VENDORS.sift),
	D('gift-cards', 'Gift cards', 'gift-card', 'redemption', 'issues, activates and redeems gift cards online and in store', 'shoppers and store tills', VENDORS.stripe),
	D('stores', 'Store operations', 'store', 'opening-hours', 'keeps store data, opening hours and click-and-collect capacity', 'store managers and the store finder', VENDORS.google),
	D('pos', 'Point of sale', 'till-session', 'receipt', 'runs the till software and syncs receipts from every store', 'cashiers', VENDORS.adyen),
	D('procurement', 'Procurement', 'purchase-order', 'supplier', 'raises purchase orders to suppliers and matches deliveries and invoices', 'buyers and accounts payable', VENDORS.docusign),
	D('forecasting', 'Forecasting', 'forecast', 'demand-signal', 'forecasts demand per product and store to drive replenishment', 'buyers and planners', VENDORS.openai),
	D('crm', 'Customer profiles', 'profile', 'consent', 'holds the single customer profile with preferences and consents', 'marketing, support and storefronts', VENDORS.segment),
	D('reporting', 'Finance reporting', 'statement', 'close-task', 'produces the monthly close, statements and regulatory reports', 'the finance team', VENDORS.plaid),
	D('audit', 'Audit trail', 'audit-record', 'retention-policy', 'keeps a tamper-evident trail of every administrative action', 'security and compliance', VENDORS.github),
	D('developer-portal', 'Developer portal', 'api-key', 'app', 'lets partners register apps, get API keys and read our public API docs', 'partner developers', VENDORS.github),
	D('chatops', 'ChatOps', 'command', 'approval', 'runs deploy and on-call commands from Slack with approvals', 'engineers on call', VENDORS.slack),
];

/** Prefixes that make further systems when the base list runs out (N = 1,000 needs 100). */
export const SEGMENTS: { id: string; name: string }[] = [
	{ id: 'b2b', name: 'B2B' },
	{ id: 'eu', name: 'EU' },
	{ id: 'us', name: 'US' },
	{ id: 'apac', name: 'APAC' },
	{ id: 'partner', name: 'Partner' },
	{ id: 'retail', name: 'Retail' },
	{ id: 'mobile', name: 'Mobile' },
];

export const FIRST_NAMES = [
	'Amara', 'Bjorn', 'Chen', 'Dalia', 'Emeka', 'Fatima', 'Gustavo', 'Hana', 'Ibrahim', 'Jana', 'Kenji', 'Leila', 'Mateo', 'Nadia',
	'Olu', 'Priya', 'Quentin', 'Rosa', 'Sanjay', 'Tamar', 'Uma', 'Viktor', 'Wen', 'Ximena', 'Yusuf', 'Zofia', 'Aiko', 'Bruno',
	'Carmen', 'Dmitri', 'Elif', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kavya', 'Lars', 'Mei', 'Nikolai', 'Orla', 'Pablo',
	'Rania', 'Stefan', 'Thandiwe', 'Valentina', 'William', 'Yara',
];

export const LAST_NAMES = [
	'Okafor', 'Lindqvist', 'Wang', 'Haddad', 'Nwosu', 'Rahman', 'Pereira', 'Sato', 'Karimi', 'Novak', 'Tanaka', 'Mansour', 'Rossi',
	'Kowalski', 'Adeyemi', 'Iyer', 'Dubois', 'Fernandes', 'Mehta', 'Cohen', 'Reddy', 'Petrov', 'Zhou', 'Castillo', 'Demir', 'Nowak',
	'Fujita', 'Almeida', 'Ortiz', 'Volkov', 'Yilmaz', 'Hosseini', 'Becker', 'Moreau', 'Santos', 'Berg', 'Nair', 'Hansen', 'Lin',
	'Sokolov', 'Byrne', 'Garcia', 'Aziz', 'Schulz', 'Dlamini', 'Romano', 'Walker', 'Khalil',
];

export const LANGUAGES = [
	{ name: 'Go', image: 'gcr.io/distroless/static', metrics: 'http_requests_total' },
	{ name: 'Kotlin (Spring Boot)', image: 'eclipse-temurin:21-jre', metrics: 'http_server_requests_seconds_count' },
	{ name: 'TypeScript (NestJS)', image: 'node:22-slim', metrics: 'http_requests_total' },
	{ name: 'Python (FastAPI)', image: 'python:3.12-slim', metrics: 'http_requests_total' },
	{ name: 'Rust (axum)', image: 'gcr.io/distroless/cc', metrics: 'http_requests_total' },
	{ name: 'Java (Quarkus)', image: 'eclipse-temurin:21-jre', metrics: 'http_server_requests_seconds_count' },
];

export interface Cloud {
	id: string;
	region: string;
	cluster: string;
	database: string;
	queue: string;
	cache: string;
	storage: string;
	storageCli: string;
	console: string;
}

export const CLOUDS: Cloud[] = [
	{ id: 'aws', region: 'eu-west-1', cluster: 'Amazon EKS', database: 'Amazon RDS for PostgreSQL 16, Multi-AZ', queue: 'Amazon MSK (Kafka 3.7)', cache: 'ElastiCache for Redis 7', storage: 'Amazon S3', storageCli: 'aws s3', console: 'https://console.aws.example.com' },
	{ id: 'gcp', region: 'europe-west4', cluster: 'GKE', database: 'Cloud SQL for PostgreSQL 16, regional HA', queue: 'Pub/Sub', cache: 'Memorystore for Redis 7', storage: 'Google Cloud Storage', storageCli: 'gcloud storage', console: 'https://console.gcp.example.com' },
	{ id: 'azure', region: 'westeurope', cluster: 'AKS', database: 'Azure Database for PostgreSQL flexible server, zone-redundant HA', queue: 'Azure Service Bus (premium)', cache: 'Azure Cache for Redis', storage: 'Azure Blob Storage (ZRS)', storageCli: 'az storage blob', console: 'https://portal.azure.example.com' },
	{ id: 'hetzner', region: 'hetzner-fsn1', cluster: 'k3s', database: 'CloudNativePG (PostgreSQL 16) with one streaming replica', queue: 'Strimzi Kafka 3.7', cache: 'Redis 7 with Sentinel', storage: 'Hetzner Object Storage', storageCli: 's3cmd', console: 'https://console.hetzner.example.com' },
];
