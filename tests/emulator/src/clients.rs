//! Clients generated from the real AWS models in `../shared/models/aws`, restricted to the
//! operations the scenarios call (operation filters keep the build small).

/// Amazon EKS (restJson1): clusters and node groups.
pub mod eks {
    shapegen::generate! {
        spec: "../../../shared/models/aws/eks.json",
        operations: [
            CreateCluster, DescribeCluster, ListClusters, DeleteCluster,
            CreateNodegroup, DescribeNodegroup, ListNodegroups, DeleteNodegroup,
        ],
    }
}

/// Amazon EFS (restJson1): file systems, whose creation token is an idempotency token.
pub mod efs {
    shapegen::generate! {
        spec: "../../../shared/models/aws/efs.json",
        operations: [CreateFileSystem, DescribeFileSystems, DeleteFileSystem],
    }
}

/// EventBridge Scheduler (restJson1): schedule groups and schedules.
pub mod scheduler {
    shapegen::generate! {
        spec: "../../../shared/models/aws/scheduler.json",
        operations: [
            CreateScheduleGroup, GetScheduleGroup, ListScheduleGroups, DeleteScheduleGroup,
            CreateSchedule, GetSchedule, UpdateSchedule, ListSchedules, DeleteSchedule,
        ],
    }
}

/// Amazon S3 Glacier (restJson1): vaults, addressed by account id (`-` for the caller's).
pub mod glacier {
    shapegen::generate! {
        spec: "../../../shared/models/aws/glacier.json",
        operations: [
            CreateVault, DescribeVault, ListVaults, DeleteVault,
            UploadArchive, DeleteArchive, InitiateJob, DescribeJob,
        ],
    }
}

/// AWS IoT (restJson1): things with attributes.
pub mod iot {
    shapegen::generate! {
        spec: "../../../shared/models/aws/iot.json",
        operations: [CreateThing, DescribeThing, UpdateThing, ListThings, DeleteThing],
    }
}

/// Amazon MSK (restJson1): provisioned and serverless clusters.
pub mod kafka {
    shapegen::generate! {
        spec: "../../../shared/models/aws/kafka.json",
        operations: [CreateClusterV2, DescribeClusterV2, ListClustersV2, DeleteCluster],
    }
}
