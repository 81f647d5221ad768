//! Orders, their items and amounts, parcels and tracking, and the changes a shopper may ask
//! for before shipment (cancel, address, items).

use serde::{Deserialize, Serialize};

use crate::{CountryCode, Money, OrderNumber, Phone, Refund, Text, Timestamp};

/// Where an order is in its life. Only `pending_payment` and `paid` orders can still be
/// cancelled or changed; `fulfilling` means the warehouse is packing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Placed, not paid yet.
    PendingPayment,
    /// Paid, not yet picked.
    Paid,
    /// Being picked and packed.
    Fulfilling,
    /// Handed to the carrier.
    Shipped,
    /// Delivered to the shopper.
    Delivered,
    /// Cancelled before shipment.
    Cancelled,
    /// Everything was returned.
    Returned,
}

/// Something the shopper may do with an order right now; the widget offers only these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// `POST …/cancel`.
    Cancel,
    /// `POST …/address`.
    ChangeAddress,
    /// `POST …/items`.
    ModifyItems,
    /// `POST …/returns` with `kind: return`.
    RequestReturn,
    /// `POST …/returns` with `kind: exchange`.
    RequestExchange,
    /// `POST …/invoice`.
    RequestInvoice,
}

/// One line of the shopper's recent orders (`GET /kefu/v1/orders`), newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSummary {
    /// The order number.
    pub number: OrderNumber,
    /// Its status.
    pub status: OrderStatus,
    /// When it was placed.
    pub placed_at: Timestamp,
    /// What was charged or is due.
    pub total: Money,
    /// Number of units over all items.
    pub item_count: u32,
    /// The first item's name, to tell orders apart in a list.
    pub headline: String,
}

/// The shopper's recent orders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderList {
    /// Newest first, at most 20.
    pub orders: Vec<OrderSummary>,
}

/// One order with items, amounts and the actions allowed now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    /// The order number.
    pub number: OrderNumber,
    /// Its status.
    pub status: OrderStatus,
    /// When it was placed.
    pub placed_at: Timestamp,
    /// The items.
    pub items: Vec<OrderItem>,
    /// Subtotal, shipping, discount and total.
    pub amounts: Amounts,
    /// Where it goes, with personal data masked.
    pub shipping_address: MaskedAddress,
    /// The order's e-mail, masked (`j***@example.com`).
    pub email: String,
    /// What the shopper may do now.
    pub actions: Vec<Action>,
    /// Until when a return or exchange can be requested (delivered orders only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_window_ends_at: Option<Timestamp>,
}

/// One item of an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderItem {
    /// Stable within the order; used by item changes and returns.
    pub id: i64,
    /// The shop's stock-keeping unit.
    pub sku: String,
    /// Product name as the shop lists it.
    pub name: String,
    /// The chosen size, for sized products.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    /// Sizes it can be changed or exchanged to (empty when it has no sizes).
    #[serde(default)]
    pub available_sizes: Vec<String>,
    /// Units ordered.
    pub quantity: u32,
    /// Units already returned or under a return authorisation.
    pub returned_quantity: u32,
    /// Price of one unit.
    pub unit_price: Money,
    /// False for final-sale and hygiene items, which cannot be returned.
    pub returnable: bool,
}

/// The order's amounts, all in the order's currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amounts {
    /// Sum of the items.
    pub subtotal: Money,
    /// Shipping fee.
    pub shipping: Money,
    /// Discount taken off.
    pub discount: Money,
    /// What is charged: subtotal + shipping - discount.
    pub total: Money,
}

/// A shipping address as a response shows it: enough to recognise, not to read out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaskedAddress {
    /// `王*明`, `J*** D**`.
    pub recipient: String,
    /// `138****5678`.
    pub phone: String,
    /// The first characters of the street line, then `***`.
    pub line1: String,
    /// City.
    pub city: String,
    /// Postcode, when the country has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    /// Country.
    pub country: CountryCode,
}

/// A full address, as the shopper types it into a change request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Who receives the parcel.
    pub recipient: Text,
    /// Their phone number.
    pub phone: Phone,
    /// Street, number, building.
    pub line1: Text,
    /// Apartment, floor (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line2: Option<Text>,
    /// City (and district).
    pub city: Text,
    /// Postcode (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<Text>,
    /// Country.
    pub country: CountryCode,
}

/// `POST …/cancel`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelRequest {
    /// Why, in the shopper's words (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
}

/// What cancelling did: the order, and the refund it started when it had been paid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelResult {
    /// The order, now `cancelled`.
    pub order: Order,
    /// The refund of what had been paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund: Option<Refund>,
}

/// `POST …/address`: replaces the shipping address (before shipment only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressChange {
    /// The new address.
    pub address: Address,
}

/// `POST …/items`: changes some items' quantity or size (before shipment only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemsChange {
    /// One entry per item to change; at least one.
    pub changes: Vec<ItemChange>,
}

/// One item's change; at least one of `quantity` and `size`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemChange {
    /// [`OrderItem::id`].
    pub item_id: i64,
    /// New quantity; `0` removes the item. A paid order can only go down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    /// New size, one of [`OrderItem::available_sizes`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
}

/// `GET …/tracking`: every parcel of the order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracking {
    /// The order number.
    pub order_number: OrderNumber,
    /// The order's status, so "not shipped yet" needs no second call.
    pub order_status: OrderStatus,
    /// Empty until the order ships.
    pub shipments: Vec<Shipment>,
}

/// One parcel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shipment {
    /// Carrier's display name (`SF Express`, `USPS`).
    pub carrier: String,
    /// The carrier's tracking number.
    pub tracking_number: String,
    /// Where the parcel is now (the newest event's status).
    pub status: ShipmentStatus,
    /// The carrier's estimate, while in transit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_delivery: Option<Timestamp>,
    /// The timeline, newest first.
    pub events: Vec<TrackingEvent>,
}

/// A parcel's state, as carriers report it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShipmentStatus {
    /// Label printed, not handed over yet.
    LabelCreated,
    /// The carrier has it.
    PickedUp,
    /// Moving between hubs.
    InTransit,
    /// On the courier's van.
    OutForDelivery,
    /// Delivered.
    Delivered,
    /// Delayed, damaged, address problem: see the event's description.
    Exception,
}

/// One scan of the parcel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingEvent {
    /// When.
    pub at: Timestamp,
    /// What it means.
    pub status: ShipmentStatus,
    /// Where, as the carrier names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The carrier's own words (in the carrier's language).
    pub description: String,
}
