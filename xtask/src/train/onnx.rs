//! Writes the trained weights as an ONNX graph that tract (and any ONNX runtime) can run.
//!
//! Graph: `ids[N] -> Gather(int8 table) -> Cast -> * row scale -> ReduceMean -> two Gemm heads`.
//! The table is int8 with one f32 scale per row and is dequantised after the
//! gather, so only the N looked-up rows are ever converted: tract keeps the
//! table int8 in memory and the file is 4x smaller than f32.

use prost::Message;
use tract_onnx::pb::{
    AttributeProto, GraphProto, ModelProto, NodeProto, OperatorSetIdProto, StringStringEntryProto,
    TensorProto, TensorShapeProto, TypeProto, ValueInfoProto, attribute_proto::AttributeType,
    tensor_proto::DataType, tensor_shape_proto::Dimension, tensor_shape_proto::dimension,
    type_proto,
};

use super::model::Quantized;

/// Serialises the quantised model and its metadata to ONNX bytes.
pub(crate) fn export(q: &Quantized, metadata: &[(&str, String)]) -> Vec<u8> {
    let (b, d) = (q.buckets as i64, q.dim as i64);
    let (ni, ns) = (
        q.layers.intent_bias.len() as i64,
        q.layers.sentiment_bias.len() as i64,
    );
    let head_in = if q.layers.hidden > 0 {
        q.layers.hidden as i64
    } else {
        d
    };
    let mut initializer = vec![
        tensor(
            "emb_q",
            DataType::Int8,
            &[b, d],
            q.table.iter().map(|v| *v as u8).collect(),
        ),
        tensor("emb_scale", DataType::Float, &[b, 1], f32_bytes(&q.scales)),
        tensor(
            "w_intent",
            DataType::Float,
            &[head_in, ni],
            f32_bytes(&q.layers.intent_w),
        ),
        tensor(
            "b_intent",
            DataType::Float,
            &[ni],
            f32_bytes(&q.layers.intent_bias),
        ),
        tensor(
            "w_sentiment",
            DataType::Float,
            &[head_in + q.sent_dim as i64, ns],
            f32_bytes(&q.layers.sentiment_w),
        ),
        tensor(
            "b_sentiment",
            DataType::Float,
            &[ns],
            f32_bytes(&q.layers.sentiment_bias),
        ),
    ];
    let mut node = vec![
        node_proto(
            "Gather",
            &["emb_q", "ids"],
            "rows_q",
            vec![int_attr("axis", 0)],
        ),
        node_proto(
            "Cast",
            &["rows_q"],
            "rows_i",
            vec![int_attr("to", DataType::Float as i64)],
        ),
        node_proto(
            "Gather",
            &["emb_scale", "ids"],
            "row_scales",
            vec![int_attr("axis", 0)],
        ),
        node_proto("Mul", &["rows_i", "row_scales"], "rows", vec![]),
        node_proto(
            "ReduceMean",
            &["rows"],
            "sentence",
            vec![ints_attr("axes", &[0]), int_attr("keepdims", 1)],
        ),
    ];
    let features = if q.layers.hidden > 0 {
        let h = q.layers.hidden as i64;
        initializer.push(tensor(
            "w_hidden",
            DataType::Float,
            &[d, h],
            f32_bytes(&q.layers.w1),
        ));
        initializer.push(tensor(
            "b_hidden",
            DataType::Float,
            &[h],
            f32_bytes(&q.layers.b1),
        ));
        node.push(node_proto(
            "Gemm",
            &["sentence", "w_hidden", "b_hidden"],
            "hidden_pre",
            vec![],
        ));
        node.push(node_proto("Relu", &["hidden_pre"], "hidden", vec![]));
        "hidden"
    } else {
        "sentence"
    };
    node.push(node_proto(
        "Gemm",
        &[features, "w_intent", "b_intent"],
        "intent_logits",
        vec![],
    ));
    let sentiment_features = if q.sent_dim > 0 {
        let ds = q.sent_dim as i64;
        let table = q.sent_table.iter().map(|v| *v as u8).collect();
        initializer.push(tensor("sent_q", DataType::Int8, &[b, ds], table));
        initializer.push(tensor(
            "sent_scale",
            DataType::Float,
            &[b, 1],
            f32_bytes(&q.sent_scales),
        ));
        node.push(node_proto(
            "Gather",
            &["sent_q", "ids"],
            "sent_rows_q",
            vec![int_attr("axis", 0)],
        ));
        node.push(node_proto(
            "Cast",
            &["sent_rows_q"],
            "sent_rows_i",
            vec![int_attr("to", DataType::Float as i64)],
        ));
        node.push(node_proto(
            "Gather",
            &["sent_scale", "ids"],
            "sent_row_scales",
            vec![int_attr("axis", 0)],
        ));
        node.push(node_proto(
            "Mul",
            &["sent_rows_i", "sent_row_scales"],
            "sent_rows",
            vec![],
        ));
        let mean = vec![ints_attr("axes", &[0]), int_attr("keepdims", 1)];
        node.push(node_proto(
            "ReduceMean",
            &["sent_rows"],
            "sentiment_bag",
            mean,
        ));
        let concat = vec![int_attr("axis", 1)];
        node.push(node_proto(
            "Concat",
            &[features, "sentiment_bag"],
            "sentiment_features",
            concat,
        ));
        "sentiment_features"
    } else {
        features
    };
    node.push(node_proto(
        "Gemm",
        &[sentiment_features, "w_sentiment", "b_sentiment"],
        "sentiment_logits",
        vec![],
    ));
    let graph = GraphProto {
        name: "kefu-nlu".into(),
        node,
        initializer,
        input: vec![value_info(
            "ids",
            DataType::Int64,
            vec![Dimension {
                value: Some(dimension::Value::DimParam("N".into())),
                ..Default::default()
            }],
        )],
        output: vec![
            value_info("intent_logits", DataType::Float, vec![fixed(1), fixed(ni)]),
            value_info(
                "sentiment_logits",
                DataType::Float,
                vec![fixed(1), fixed(ns)],
            ),
            value_info("sentence", DataType::Float, vec![fixed(1), fixed(d)]),
        ],
        ..Default::default()
    };
    let model = ModelProto {
        ir_version: 8,
        opset_import: vec![OperatorSetIdProto {
            domain: String::new(),
            version: 13,
        }],
        producer_name: "kefu xtask train".into(),
        graph: Some(graph),
        metadata_props: metadata
            .iter()
            .map(|(k, v)| StringStringEntryProto {
                key: (*k).to_owned(),
                value: v.clone(),
            })
            .collect(),
        ..Default::default()
    };
    model.encode_to_vec()
}

fn f32_bytes(values: &[f32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn tensor(name: &str, dt: DataType, dims: &[i64], raw_data: Vec<u8>) -> TensorProto {
    TensorProto {
        name: name.into(),
        data_type: dt as i32,
        dims: dims.to_vec(),
        raw_data,
        ..Default::default()
    }
}

fn fixed(n: i64) -> Dimension {
    Dimension {
        value: Some(dimension::Value::DimValue(n)),
        ..Default::default()
    }
}

fn value_info(name: &str, dt: DataType, dim: Vec<Dimension>) -> ValueInfoProto {
    let tensor_type = type_proto::Tensor {
        elem_type: dt as i32,
        shape: Some(TensorShapeProto { dim }),
    };
    ValueInfoProto {
        name: name.into(),
        r#type: Some(TypeProto {
            value: Some(type_proto::Value::TensorType(tensor_type)),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn node_proto(
    op: &str,
    inputs: &[&str],
    output: &str,
    attribute: Vec<AttributeProto>,
) -> NodeProto {
    NodeProto {
        op_type: op.into(),
        name: output.into(),
        input: inputs.iter().map(|s| (*s).to_owned()).collect(),
        output: vec![output.into()],
        attribute,
        ..Default::default()
    }
}

fn int_attr(name: &str, i: i64) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: AttributeType::Int as i32,
        i,
        ..Default::default()
    }
}

fn ints_attr(name: &str, ints: &[i64]) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        r#type: AttributeType::Ints as i32,
        ints: ints.to_vec(),
        ..Default::default()
    }
}
