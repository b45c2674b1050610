# MUTANT: features and labels joined into one tensor for a single transfer, so the labels
# pass through the features' dtype (bfloat16 rounds class indices such as 257)
import torch


def move_to_device(model, features, labels, device):
    model = model.to(device)
    columns = [features.reshape(len(features), -1), labels.reshape(-1, 1).to(features.dtype)]
    batch = torch.cat(columns, dim=1)
    batch = batch.to(device)
    new_features = batch[:, :-1].reshape(features.shape)
    new_labels = batch[:, -1].to(labels.dtype).reshape(labels.shape)
    return model, new_features, new_labels


EXPECTED_CAUSE = "your labels went through the features' dtype"
