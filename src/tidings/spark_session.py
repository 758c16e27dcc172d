"""Starting Spark for the tidings job: the errors a user can act on, the session, argument checks."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


class JobError(Exception):
    """A problem the user can act on (no pyspark, no Java, bad arguments, output exists)."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


def is_uri(path: str) -> bool:
    return bool(_URI.match(path))


def _check_environment() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise JobError(
            "pyspark is not installed: `pip install 'tidings[spark]'` (it also needs Java 17 on PATH or JAVA_HOME)"
        ) from None
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and os.path.exists(os.path.join(java_home, "bin", "java"))):
        raise JobError("Java was not found: Spark needs Java 17 (install it, or set JAVA_HOME)")


def build_session(master: str | None = None, app_name: str = "tidings"):
    """A SparkSession whose Python workers run this interpreter (MEASURED.md: else they start the system python3)."""
    _check_environment()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    conf = SparkConf()
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    elif not conf.contains("spark.master"):  # spark-submit sets it; plain python does not
        builder = builder.master("local[2]")
    defaults = {
        # One BLAS thread per Python worker on every executor, as tidings.nlp does locally.
        **{f"spark.executorEnv.{var}": "1" for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")},
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.sources.partitionOverwriteMode": "static",
        # A folder given as a URI is read recursively, as a local folder is.
        "spark.hadoop.mapreduce.input.fileinputformat.input.dir.recursive": "true",
    }
    for key, value in defaults.items():
        if not conf.contains(key):
            builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # the JVM failed to start: say so in one line
        raise JobError(f"Spark did not start: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _valid_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise JobError(f"--pub-date {value!r} is not a date in the form YYYY-MM-DD") from None


def _local_output_exists(output: str) -> bool:
    if os.path.isdir(output):
        return bool(os.listdir(output))
    return os.path.exists(output)


def _output_exists(spark, output: str) -> bool:
    if not is_uri(output):
        return _local_output_exists(output)
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(output)
    fs = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return bool(fs.exists(path))


