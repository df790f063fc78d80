"""studyapp: study the AWS serverless and container exam topics in the terminal."""

__version__ = "0.1.0"
__all__ = ["__version__"]
