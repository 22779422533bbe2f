//! Changes inside the schemas of parameters, request bodies and responses. Schemas are compared
//! structurally (`$ref`s resolved, `allOf` flattened), and a definition shared by several
//! operations is compared once; what breaks a request does not always break a response.

crate::declare_code! {
    /// A value sent to the API changed its type.
    ///
    /// ## What
    /// The `type` of a parameter, or of a schema in the request body, differs between the sides.
    /// Widening `integer` to `number` is info; any other change is breaking.
    ///
    /// ## Why
    /// Flows send values of the old type, which the designer or the API now refuses.
    ///
    /// ## Example
    /// `{name: id, in: path, type: integer}` becomes `{name: id, in: path, type: string}`.
    ///
    /// ## Fix
    /// Keep the type; add a new parameter or property for the new one.
    pub static REQUEST_TYPE_CHANGED = Diff {
        code: "CCF931",
        name: "request-type-changed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// A value returned by the API changed its type.
    ///
    /// ## What
    /// The `type` of a schema in a response differs between the sides. Narrowing `number` to
    /// `integer` is info; any other change is breaking.
    ///
    /// ## Why
    /// Flows use outputs as the type they had; expressions and later actions that read them break.
    ///
    /// ## Example
    /// Response property `id` changes from `type: integer` to `type: string`.
    ///
    /// ## Fix
    /// Keep the type; add a new property for the new one.
    pub static RESPONSE_TYPE_CHANGED = Diff {
        code: "CCF932",
        name: "response-type-changed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// A value's `format` changed, or a value sent to the API gained one.
    ///
    /// ## What
    /// Both sides have a `format` and it differs; or, in a request, a value without a format gained
    /// one other than the number formats (`int32`, `int64`, `float`, `double`).
    ///
    /// ## Why
    /// A format such as `date-time`, `email` or `uri` changes how the designer shows and checks the
    /// value; values that flows use today may no longer fit.
    ///
    /// ## Example
    /// `{type: string, format: date}` becomes `{type: string, format: date-time}`.
    ///
    /// ## Fix
    /// Check that the values flows send and read still fit the format.
    pub static FORMAT_CHANGED = Diff {
        code: "CCF933",
        name: "format-changed",
        severity: Warning,
        document: Definition,
    }
}

crate::declare_code! {
    /// A value sent to the API has a new or changed `pattern`.
    ///
    /// ## What
    /// In a request, a value's `pattern` is new or differs from the old one.
    ///
    /// ## Why
    /// Values that flows send today may not match it, and be refused.
    ///
    /// ## Example
    /// `{name: code, type: string}` gains `pattern: ^[A-Z]{3}$`.
    ///
    /// ## Fix
    /// Check that the pattern accepts the values flows send.
    pub static PATTERN_CHANGED = Diff {
        code: "CCF934",
        name: "pattern-changed",
        severity: Warning,
        document: Definition,
    }
}

crate::declare_code! {
    /// A value a response returns may now be null, or a value sent to the API no longer may.
    ///
    /// ## What
    /// In a response, a schema gained `x-nullable: true` (what OpenAPI 3's `nullable: true` and
    /// a `null` type become). In a request, a schema lost it.
    ///
    /// ## Why
    /// Flows use response values as dynamic content: a null where a value always came makes the
    /// expressions and actions that use it fail. A request value that may no longer be null is
    /// refused when a flow sends null.
    ///
    /// ## Example
    /// Response property `name: {type: string}` becomes `{type: string, x-nullable: true}`.
    ///
    /// ## Fix
    /// Check that flows handle the null (a `coalesce()` where the value is used), or keep the
    /// value always present.
    pub static NULLABLE_CHANGED = Diff {
        code: "CCF946",
        name: "nullable-changed",
        severity: Warning,
        document: Definition,
    }
}

crate::declare_code! {
    /// A value sent to the API is now limited to a list of values.
    ///
    /// ## What
    /// In a request, a value that had no `enum` gained one.
    ///
    /// ## Why
    /// Flows that send values outside the list break.
    ///
    /// ## Example
    /// `{name: sort, type: string}` becomes `{name: sort, type: string, enum: [asc, desc]}`.
    ///
    /// ## Fix
    /// Make sure the list has every value flows send today, or keep the value open.
    pub static ENUM_ADDED = Diff {
        code: "CCF935",
        name: "enum-added",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// Values were removed from an enum.
    ///
    /// ## What
    /// An `enum` lost values. Breaking in a request (flows may send them); info in a response (the
    /// API returns fewer values).
    ///
    /// ## Why
    /// Flows that send a removed value are refused.
    ///
    /// ## Example
    /// `enum: [asc, desc, none]` becomes `enum: [asc, desc]`.
    ///
    /// ## Fix
    /// Keep the values the API still accepts.
    pub static ENUM_VALUES_REMOVED = Diff {
        code: "CCF936",
        name: "enum-values-removed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// Values were added to an enum.
    ///
    /// ## What
    /// An `enum` gained values. Info in a request (more values are accepted); a warning in a
    /// response.
    ///
    /// ## Why
    /// Flows that branch on a returned value (a condition, a switch) may not handle the new ones.
    ///
    /// ## Example
    /// Response property `status` changes from `enum: [active, disabled]` to `enum: [active,
    /// disabled, archived]`.
    ///
    /// ## Fix
    /// Tell the connector's users; check the flows that branch on the value.
    pub static ENUM_VALUES_ADDED = Diff {
        code: "CCF937",
        name: "enum-values-added",
        severity: Warning,
        document: Definition,
    }
}

crate::declare_code! {
    /// An array sent to the API changed its `collectionFormat`.
    ///
    /// ## What
    /// In a request, both sides give a `collectionFormat` and they differ.
    ///
    /// ## Why
    /// The same array is now sent in another shape (`a,b` or `a|b`), which the API may read as one
    /// value.
    ///
    /// ## Example
    /// `collectionFormat: csv` becomes `collectionFormat: pipes`.
    ///
    /// ## Fix
    /// Keep the format the API reads.
    pub static COLLECTION_FORMAT_CHANGED = Diff {
        code: "CCF938",
        name: "collection-format-changed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// A value sent to the API accepts fewer values.
    ///
    /// ## What
    /// In a request, `maximum`, `maxLength`, `maxItems` or `maxProperties` decreased or appeared,
    /// or `minimum`, `minLength`, `minItems` or `minProperties` increased or appeared (above 0).
    /// One change is reported per value, listing each narrowed constraint.
    ///
    /// ## Why
    /// Values that flows send today may be out of the new range, and be refused.
    ///
    /// ## Example
    /// `{name: title, type: string, maxLength: 255}` becomes `maxLength: 100`.
    ///
    /// ## Fix
    /// Check that the new limits accept the values flows send.
    pub static CONSTRAINT_NARROWED = Diff {
        code: "CCF939",
        name: "constraint-narrowed",
        severity: Warning,
        document: Definition,
    }
}

crate::declare_code! {
    /// A property of the request body was removed.
    ///
    /// ## What
    /// A property of a schema in the request body (or of a non-body parameter's schema) is missing
    /// on the new side.
    ///
    /// ## Why
    /// Flows set the property: its value no longer reaches the API, and flows that need it fail.
    ///
    /// ## Example
    /// Body property `nickname` of `POST /users` is gone.
    ///
    /// ## Fix
    /// Keep the property, optional if the API now ignores it.
    pub static REQUEST_PROPERTY_REMOVED = Diff {
        code: "CCF940",
        name: "request-property-removed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// A property of a response was removed.
    ///
    /// ## What
    /// A property of a schema in a response is missing on the new side.
    ///
    /// ## Why
    /// Flows use response properties as dynamic content; the actions that read it break.
    ///
    /// ## Example
    /// Response property `email` of `GET /users/{id}` is gone.
    ///
    /// ## Fix
    /// Keep the property while the API can return it.
    pub static RESPONSE_PROPERTY_REMOVED = Diff {
        code: "CCF941",
        name: "response-property-removed",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// An optional property of the request body became required.
    ///
    /// ## What
    /// A property of a request schema that was not in its schema's `required` list is in it on the
    /// new side.
    ///
    /// ## Why
    /// Flows that leave the property empty are refused.
    ///
    /// ## Example
    /// `required: [name]` becomes `required: [name, email]`.
    ///
    /// ## Fix
    /// Keep it optional, or have the API give it a default.
    pub static REQUEST_PROPERTY_MADE_REQUIRED = Diff {
        code: "CCF942",
        name: "request-property-made-required",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// A required property was added to the request body.
    ///
    /// ## What
    /// A property that the old request schema did not have is new and in its schema's `required`
    /// list.
    ///
    /// ## Why
    /// Existing flows do not set it, so their requests are refused.
    ///
    /// ## Example
    /// The body of `POST /users` gains `region`, listed in `required`.
    ///
    /// ## Fix
    /// Make it optional, or have the API give it a default.
    pub static REQUEST_PROPERTY_ADDED_REQUIRED = Diff {
        code: "CCF943",
        name: "request-property-added-required",
        severity: Error,
        document: Definition,
    }
}

crate::declare_code! {
    /// An optional property was added to the request body.
    ///
    /// ## What
    /// A property that the old request schema did not have is new and not required.
    ///
    /// ## Why
    /// Flows that do not set it keep working.
    ///
    /// ## Example
    /// The body of `POST /users` gains optional `nickname`.
    ///
    /// ## Fix
    /// Nothing to do.
    pub static REQUEST_PROPERTY_ADDED = Diff {
        code: "CCF944",
        name: "request-property-added",
        severity: Info,
        document: Definition,
    }
}

crate::declare_code! {
    /// A property was added to a response.
    ///
    /// ## What
    /// A property that the old response schema did not have is new.
    ///
    /// ## Why
    /// New outputs break nothing; flows can start to use them.
    ///
    /// ## Example
    /// The response of `GET /users/{id}` gains `createdAt`.
    ///
    /// ## Fix
    /// Nothing to do.
    pub static RESPONSE_PROPERTY_ADDED = Diff {
        code: "CCF945",
        name: "response-property-added",
        severity: Info,
        document: Definition,
    }
}
