print("pca-local")
