//! Amazon MSK: a serverless and a provisioned cluster, each addressed afterwards by its ARN
//! as a URI label (its `:` and `/` percent-encoded), listed by name prefix, and deleted.

use shapegen_emulator_tests::clients::kafka::{
    Client,
    types::{
        BrokerNodeGroupInfo, ClusterState, ClusterType, ProvisionedRequest, ServerlessRequest,
        VpcConfig,
    },
};
use shapegen_emulator_tests::moto;

use crate::common::assert_recent;

#[tokio::test]
async fn serverless_and_provisioned_clusters_are_described_by_arn_and_deleted() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let serverless = client
        .create_cluster_v2()
        .cluster_name("kafka-life-serverless")
        .serverless(
            ServerlessRequest::builder()
                .vpc_configs(VpcConfig::builder().subnet_ids("subnet-0aaa").build())
                .build(),
        )
        .tags("team", "streaming")
        .send()
        .await
        .unwrap();
    assert_eq!(serverless.cluster_type, Some(ClusterType::Serverless));
    assert_eq!(serverless.state, Some(ClusterState::Creating));
    let provisioned = client
        .create_cluster_v2()
        .cluster_name("kafka-life-provisioned")
        .provisioned(
            ProvisionedRequest::builder()
                .kafka_version("3.6.0")
                .number_of_broker_nodes(3)
                .broker_node_group_info(
                    BrokerNodeGroupInfo::builder()
                        .instance_type("kafka.m5.large")
                        .client_subnets("subnet-0aaa")
                        .client_subnets("subnet-0bbb")
                        .client_subnets("subnet-0ccc")
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(provisioned.cluster_type, Some(ClusterType::Provisioned));

    let serverless_arn = serverless.cluster_arn.unwrap();
    // moto 5.2.5 names serverless clusters `…:serverless-cluster/<uuid>` (the service:
    // `…:cluster/<name>/<uuid>`); either way the label holds `:` and `/` to encode.
    assert!(
        serverless_arn.starts_with("arn:aws:kafka:us-east-1:") && serverless_arn.contains('/'),
        "{serverless_arn}"
    );
    let info = client
        .describe_cluster_v2()
        .cluster_arn(&serverless_arn)
        .send()
        .await
        .unwrap()
        .cluster_info
        .unwrap();
    assert_eq!(info.cluster_arn.as_deref(), Some(serverless_arn.as_str()));
    assert_eq!(info.cluster_name.as_deref(), Some("kafka-life-serverless"));
    // moto 5.2.5 sends `creationTime` as a local time without an offset
    // (`2026-11-27T10:11:12.123456`), not the RFC 3339 date-time the model names; shapegen's
    // lenient reply timestamps read it as UTC (off by the machine's UTC offset, within a day).
    assert_recent(info.creation_time.as_ref(), "cluster creationTime");
    let tags = info.tags.unwrap_or_default();
    assert_eq!(tags.get("team").map(String::as_str), Some("streaming"));
    let vpc_configs = info.serverless.unwrap().vpc_configs.unwrap_or_default();
    assert_eq!(vpc_configs.len(), 1);
    assert_eq!(
        vpc_configs[0].subnet_ids.as_deref(),
        Some(&["subnet-0aaa".to_owned()][..])
    );

    let provisioned_arn = provisioned.cluster_arn.unwrap();
    let info = client
        .describe_cluster_v2()
        .cluster_arn(&provisioned_arn)
        .send()
        .await
        .unwrap()
        .cluster_info
        .unwrap();
    let details = info.provisioned.unwrap();
    assert_eq!(details.number_of_broker_nodes, Some(3));
    let broker_group = details.broker_node_group_info.unwrap();
    assert_eq!(
        broker_group.instance_type.as_deref(),
        Some("kafka.m5.large")
    );
    assert_eq!(broker_group.client_subnets.map(|s| s.len()), Some(3));
    assert_eq!(
        details
            .current_broker_software_info
            .and_then(|s| s.kafka_version)
            .as_deref(),
        Some("3.6.0")
    );

    let listed = client
        .list_clusters_v2()
        .cluster_name_filter("kafka-life-")
        .send()
        .await
        .unwrap()
        .cluster_info_list
        .unwrap_or_default();
    let mut names: Vec<String> = listed.into_iter().filter_map(|c| c.cluster_name).collect();
    names.sort();
    assert_eq!(names, ["kafka-life-provisioned", "kafka-life-serverless"]);

    for arn in [&serverless_arn, &provisioned_arn] {
        let deleted = client
            .delete_cluster()
            .cluster_arn(arn)
            .send()
            .await
            .unwrap();
        assert_eq!(deleted.cluster_arn.as_deref(), Some(arn.as_str()));
    }
    let remaining = client
        .list_clusters_v2()
        .cluster_name_filter("kafka-life-")
        .send()
        .await
        .unwrap()
        .cluster_info_list
        .unwrap_or_default();
    assert!(remaining.is_empty(), "{remaining:?}");
}
