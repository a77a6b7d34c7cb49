//! Amazon EKS: a cluster's life cycle, a node group under it (two labels in the URI), listing
//! through the paginator, and the typed not-found error.

use shapegen::Error;
use shapegen_emulator_tests::clients::eks::{
    Client,
    types::{ClusterStatus, NodegroupScalingConfig, VpcConfigRequest},
};
use shapegen_emulator_tests::moto;

use crate::common::assert_recent;

const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/eks-service-role";

fn vpc_config() -> VpcConfigRequest {
    VpcConfigRequest::builder()
        .subnet_ids("subnet-0aaa")
        .subnet_ids("subnet-0bbb")
        .endpoint_public_access(true)
        .build()
}

#[tokio::test]
async fn clusters_are_created_described_listed_and_deleted() {
    let Some(moto) = moto() else { return };
    // A region of its own: moto 5.2.5's `ListClusters` token names the last cluster listed,
    // and answers HTTP 500 when another test deletes that cluster between two pages.
    let client = Client::new(moto.config_in("us-west-2"));
    let names = ["eks-life-1", "eks-life-2", "eks-life-3"];
    for name in names {
        let created = client
            .create_cluster()
            .name(name)
            .version("1.31")
            .role_arn(ROLE_ARN)
            .resources_vpc_config(vpc_config())
            .tags("team", "compilers")
            .send()
            .await
            .unwrap();
        let cluster = created.cluster.unwrap();
        assert_eq!(cluster.name.as_deref(), Some(name));
        assert_eq!(cluster.role_arn.as_deref(), Some(ROLE_ARN));
    }

    let described = client
        .describe_cluster()
        .name("eks-life-2")
        .send()
        .await
        .unwrap()
        .cluster
        .unwrap();
    assert_eq!(described.name.as_deref(), Some("eks-life-2"));
    assert_eq!(described.version.as_deref(), Some("1.31"));
    assert!(
        described
            .arn
            .as_deref()
            .is_some_and(|arn| arn.starts_with("arn:aws:eks:us-west-2:")
                && arn.ends_with(":cluster/eks-life-2")),
        "{:?}",
        described.arn
    );
    assert!(
        matches!(
            described.status,
            Some(ClusterStatus::Active | ClusterStatus::Creating)
        ),
        "{:?}",
        described.status
    );
    assert_recent(described.created_at.as_ref(), "cluster createdAt");
    let vpc = described.resources_vpc_config.unwrap();
    assert_eq!(
        vpc.subnet_ids.as_deref(),
        Some(&["subnet-0aaa".to_owned(), "subnet-0bbb".to_owned()][..])
    );
    let tags = described.tags.unwrap();
    assert_eq!(tags.get("team").map(String::as_str), Some("compilers"));

    // One cluster per page: the paginator follows moto's next tokens through all of them.
    let mut pages = client.list_clusters().max_results(1).into_paginator();
    let mut listed = Vec::new();
    let mut page_count = 0;
    while let Some(page) = pages.next().await {
        let page = page.unwrap();
        page_count += 1;
        listed.extend(page.clusters.unwrap_or_default());
    }
    for name in names {
        assert!(listed.iter().any(|n| n == name), "{name} not in {listed:?}");
    }
    assert!(
        page_count >= names.len(),
        "{page_count} pages for {listed:?}"
    );

    for name in names {
        let deleted = client.delete_cluster().name(name).send().await.unwrap();
        assert_eq!(deleted.cluster.unwrap().name.as_deref(), Some(name));
    }
    let mut remaining = client.list_clusters().into_items();
    while let Some(name) = remaining.next().await {
        let name = name.unwrap();
        assert!(!names.contains(&name.as_str()), "{name} was deleted");
    }
}

#[tokio::test]
async fn a_missing_cluster_is_a_typed_not_found_error() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let error = client
        .describe_cluster()
        .name("eks-never-created")
        .send()
        .await
        .unwrap_err();
    let Error::Service(service) = &error else {
        panic!("expected a service error, got {error:?}");
    };
    assert_eq!(service.status(), 404);
    let not_found = service.err();
    assert!(not_found.is_resource_not_found_exception(), "{error}");
    assert_eq!(not_found.code(), Some("ResourceNotFoundException"));
    assert!(
        not_found
            .message()
            .is_some_and(|m| m.contains("eks-never-created")),
        "{error}"
    );
}

#[tokio::test]
async fn node_groups_live_under_their_cluster() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    client
        .create_cluster()
        .name("eks-ng-cluster")
        .role_arn(ROLE_ARN)
        .resources_vpc_config(vpc_config())
        .send()
        .await
        .unwrap();
    let created = client
        .create_nodegroup()
        .cluster_name("eks-ng-cluster")
        .nodegroup_name("workers")
        .node_role("arn:aws:iam::123456789012:role/eks-node-role")
        .subnets("subnet-0aaa")
        .scaling_config(
            NodegroupScalingConfig::builder()
                .min_size(1)
                .max_size(3)
                .desired_size(2)
                .build(),
        )
        .labels("tier", "backend")
        .send()
        .await
        .unwrap()
        .nodegroup
        .unwrap();
    assert_eq!(created.nodegroup_name.as_deref(), Some("workers"));
    assert_eq!(created.cluster_name.as_deref(), Some("eks-ng-cluster"));

    let described = client
        .describe_nodegroup()
        .cluster_name("eks-ng-cluster")
        .nodegroup_name("workers")
        .send()
        .await
        .unwrap()
        .nodegroup
        .unwrap();
    let scaling = described.scaling_config.unwrap();
    assert_eq!(
        (scaling.min_size, scaling.max_size, scaling.desired_size),
        (Some(1), Some(3), Some(2))
    );
    let labels = described.labels.unwrap();
    assert_eq!(labels.get("tier").map(String::as_str), Some("backend"));
    assert_recent(described.created_at.as_ref(), "node group createdAt");

    let listed = client
        .list_nodegroups()
        .cluster_name("eks-ng-cluster")
        .send()
        .await
        .unwrap();
    assert_eq!(
        listed.nodegroups.as_deref(),
        Some(&["workers".to_owned()][..])
    );

    client
        .delete_nodegroup()
        .cluster_name("eks-ng-cluster")
        .nodegroup_name("workers")
        .send()
        .await
        .unwrap();
    let error = client
        .describe_nodegroup()
        .cluster_name("eks-ng-cluster")
        .nodegroup_name("workers")
        .send()
        .await
        .unwrap_err();
    assert!(
        error
            .as_service_error()
            .is_some_and(|e| e.is_resource_not_found_exception()),
        "{error}"
    );
    client
        .delete_cluster()
        .name("eks-ng-cluster")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn an_invalid_name_is_rejected_before_sending() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    // The model's pattern for cluster names is `^[0-9A-Za-z][A-Za-z0-9\-_]*`.
    let error = client
        .create_cluster()
        .name("-starts-with-a-dash")
        .role_arn(ROLE_ARN)
        .resources_vpc_config(vpc_config())
        .send()
        .await
        .unwrap_err();
    assert_eq!(shapegen_emulator_tests::violation_paths(&error), ["name"]);
    // Nothing reached moto: no such cluster was created.
    let mut clusters = client.list_clusters().into_items();
    while let Some(name) = clusters.next().await {
        assert_ne!(name.unwrap(), "-starts-with-a-dash");
    }
}
